import { useState } from "preact/hooks";
import { errorText, type AdminApi, type MovedThread } from "../api.ts";
import type { TextKey } from "../i18n/en.ts";
import type { I18n } from "../i18n/index.ts";

interface Props {
  api: AdminApi;
  i18n: I18n;
  site: string;
}

type Kind = "move" | "rewrite";

const FORMS: Record<Kind, { title: TextKey; hint: TextKey; from: TextKey; to: TextKey; submit: TextKey; toRequired: boolean }> = {
  move: {
    title: "transfer.move.title",
    hint: "transfer.move.hint",
    from: "transfer.move.from",
    to: "transfer.move.to",
    submit: "transfer.move.submit",
    toRequired: true,
  },
  // An empty new prefix is allowed: "https://blog.example" → "" turns URL keys into paths.
  rewrite: {
    title: "transfer.rewrite.title",
    hint: "transfer.rewrite.hint",
    from: "transfer.rewrite.from",
    to: "transfer.rewrite.to",
    submit: "transfer.rewrite.submit",
    toRequired: false,
  },
};

/** When URLs change: one thread to a new page key, or every key that starts with a prefix. */
export function ThreadMoves(props: Props) {
  return (
    <>
      <MoveForm {...props} kind="move" />
      <MoveForm {...props} kind="rewrite" />
    </>
  );
}

function MoveForm({ api, i18n, site, kind }: Props & { kind: Kind }) {
  const [busy, setBusy] = useState(false);
  const [moved, setMoved] = useState<MovedThread[] | null>(null);
  const [failure, setFailure] = useState("");
  const text = FORMS[kind];

  const submit = async (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const [from, to] = [String(data.get("from") ?? "").trim(), String(data.get("to") ?? "").trim()];
    if (busy) return;
    // `required` lets spaces through; trimmed, they are nothing: say so rather than do nothing.
    if (!from || (text.toRequired && !to)) {
      setMoved(null);
      setFailure(i18n.t("transfer.required"));
      return;
    }
    setBusy(true);
    setMoved(null);
    setFailure("");
    try {
      setMoved(kind === "move" ? await api.moveThread(site, from, to) : await api.rewritePrefix(site, from, to));
    } catch (error) {
      setFailure(errorText(error, i18n));
    } finally {
      setBusy(false);
    }
  };

  const id = (part: string) => `${kind}-${part}`;
  return (
    <section class="transfer-part" aria-labelledby={id("title")}>
      <h3 id={id("title")}>{i18n.t(text.title)}</h3>
      <p id={id("hint")} class="hint">
        {i18n.t(text.hint)}
      </p>
      <form class="transfer-form" aria-describedby={id("hint")} aria-busy={busy} onSubmit={(event) => void submit(event)}>
        <div class="field">
          <label for={id("from")}>{i18n.t(text.from)}</label>
          <input id={id("from")} name="from" type="text" required spellcheck={false} autoComplete="off" />
        </div>
        <div class="field">
          <label for={id("to")}>{i18n.t(text.to)}</label>
          <input id={id("to")} name="to" type="text" required={text.toRequired} spellcheck={false} autoComplete="off" />
        </div>
        <button type="submit" class="button" disabled={busy}>
          {i18n.t(busy ? "transfer.moving" : text.submit)}
        </button>
      </form>
      <div role="status" class="transfer-status">
        {moved !== null && <p>{moved.length === 0 ? i18n.t("transfer.movedNone") : i18n.plural("transfer.moved", moved.length)}</p>}
      </div>
      {moved !== null && moved.length > 0 && (
        <ul class="moves">
          {moved.map((move) => (
            <li key={move.from}>
              <code>{move.from}</code> → <code>{move.to}</code>
              {move.merged && (
                <>
                  {" "}
                  <span class="badge">{i18n.t("transfer.merged")}</span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {failure && (
        <p class="error" role="alert">
          {failure}
        </p>
      )}
    </section>
  );
}
