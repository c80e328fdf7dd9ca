// What the owner's command-line tools (export, backup) share: the admin API of a running
// worker, with the admin token from BASCULE_ADMIN_TOKEN.
import { createWriteStream } from "node:fs";

export type ExportFormat = "bascule" | "wxr";

/** A refusal or an unreachable worker, said the way the tools print it. */
export class ClientError extends Error {}

async function get(base: string, token: string, path: string, query: Record<string, string> = {}): Promise<Response> {
  const endpoint = new URL(path, base);
  for (const [name, value] of Object.entries(query)) endpoint.searchParams.set(name, value);
  let response: Response;
  try {
    response = await fetch(endpoint, { headers: { authorization: `Bearer ${token}` } });
  } catch (error) {
    throw new ClientError(`can't reach ${endpoint.origin}: ${(error as Error).message}`);
  }
  if (response.status !== 200 || response.body === null)
    throw new ClientError(`the worker answered ${response.status}: ${await response.text()}`);
  return response;
}

/** Every site's key. */
export async function siteKeys(base: string, token: string): Promise<string[]> {
  const { sites } = (await (await get(base, token, "/api/v1/admin/sites")).json()) as { sites: Array<{ key: string }> };
  return sites.map((site) => site.key);
}

/**
 * Streams a site's export (GET /api/v1/admin/export) into `out` ("-" for standard output),
 * calling `progress` with the bytes received so far; gives back the total.
 */
export async function downloadExport(
  base: string,
  token: string,
  site: string,
  format: ExportFormat,
  out: string,
  progress: (received: number) => void = () => {},
): Promise<number> {
  const response = await get(base, token, "/api/v1/admin/export", { site, format });
  const sink = out === "-" ? process.stdout : createWriteStream(out);
  let received = 0;
  for await (const chunk of response.body as ReadableStream<Uint8Array>) {
    received += chunk.byteLength;
    if (!sink.write(chunk)) await new Promise((resolve) => sink.once("drain", resolve));
    progress(received);
  }
  if (out !== "-") {
    await new Promise<void>((resolve, reject) =>
      (sink as ReturnType<typeof createWriteStream>).end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
  return received;
}
