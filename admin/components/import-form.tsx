import { useRef, useState } from "preact/hooks";
import { errorText, type AdminApi, type ImportAnswer } from "../api.ts";
import type { I18n } from "../i18n/index.ts";
import { guessFileFormat, IMPORT_FORMATS, IMPORT_MAX_BYTES, type ImportFormat } from "../transfer-files.ts";

interface Props {
  api: AdminApi;
  i18n: I18n;
  site: string;
}

type Phase =
  | { kind: "idle" }
  | { kind: "busy"; name: string; size: number }
  | { kind: "done"; name: string; answer: ImportAnswer }
  | { kind: "failed"; message: string };

/** A large WordPress blog can bring thousands of notes; the first ones say what the rest are. */
const PROBLEMS_SHOWN = 100;

/**
 * The owner picks an export file; its format is guessed and preselected; the file itself goes
 * as the body of POST /admin/import. Then the answer's counts and problems, or the 400's message
 * (which names the line, the element, or the format the file looks like).
 */
export function ImportForm({ api, i18n, site }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormat>("wxr");
  /** Whether the format shown was guessed from the file; null before a file is picked. */
  const [guessed, setGuessed] = useState<boolean | null>(null);
  const [fileError, setFileError] = useState("");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  /** The last file picked: a slow guess for an earlier one must not overwrite its format. */
  const picked = useRef<File | null>(null);

  const pick = async (chosen: File | null) => {
    picked.current = chosen;
    setFile(chosen);
    setFileError("");
    setPhase({ kind: "idle" });
    setGuessed(null);
    if (chosen === null) return;
    const guess = await guessFileFormat(chosen);
    if (picked.current !== chosen) return;
    if (guess) setFormat(guess);
    setGuessed(guess !== null);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (phase.kind === "busy") return;
    const refusal =
      file === null
        ? i18n.t("transfer.import.noFile")
        : file.size > IMPORT_MAX_BYTES
          ? i18n.t("transfer.import.tooBig", { size: i18n.size(file.size), max: i18n.size(IMPORT_MAX_BYTES) })
          : "";
    setFileError(refusal);
    if (file === null || refusal) return;
    setPhase({ kind: "busy", name: file.name, size: file.size });
    try {
      const answer = await api.importFile(site, format, file);
      setPhase({ kind: "done", name: file.name, answer });
    } catch (error) {
      setPhase({ kind: "failed", message: errorText(error, i18n) });
    }
  };

  const busy = phase.kind === "busy";
  const fileDescribed = ["import-file-hint", fileError && "import-file-error"].filter(Boolean).join(" ");
  return (
    <section class="transfer-part" aria-labelledby="import-title">
      <h3 id="import-title">{i18n.t("transfer.import.title")}</h3>
      <form class="transfer-form" noValidate aria-busy={busy} onSubmit={(event) => void submit(event)}>
        <div class="field">
          <label for="import-file">{i18n.t("transfer.import.file")}</label>
          <input
            id="import-file"
            type="file"
            accept=".xml,.json,application/xml,text/xml,application/json"
            disabled={busy}
            aria-describedby={fileDescribed}
            aria-invalid={fileError ? true : undefined}
            onChange={(event) => void pick(event.currentTarget.files?.[0] ?? null)}
          />
          <p id="import-file-hint" class="hint">
            {i18n.t("transfer.import.hint")}
          </p>
          {fileError && (
            <p id="import-file-error" class="field-error" role="alert">
              {fileError}
            </p>
          )}
        </div>
        <div class="field">
          <label for="import-format">{i18n.t("transfer.import.format")}</label>
          <select
            id="import-format"
            value={format}
            disabled={busy}
            aria-describedby={guessed === null ? undefined : "import-format-hint"}
            onChange={(event) => setFormat(event.currentTarget.value as ImportFormat)}
          >
            {IMPORT_FORMATS.map((name) => (
              <option key={name} value={name}>
                {i18n.t(`transfer.format.${name}`)}
              </option>
            ))}
          </select>
          {guessed !== null && (
            <p id="import-format-hint" class="hint">
              {i18n.t(guessed ? "transfer.import.guessed" : "transfer.import.unknown")}
            </p>
          )}
        </div>
        <button type="submit" class="button" disabled={busy}>
          {i18n.t("transfer.import.submit")}
        </button>
      </form>
      <div role="status" class="transfer-status">
        {phase.kind === "busy" && (
          <>
            <p id="import-progress">{i18n.t("transfer.import.progress", { name: phase.name, size: i18n.size(phase.size) })}</p>
            <progress aria-labelledby="import-progress" />
          </>
        )}
        {phase.kind === "done" && <p>{i18n.t("transfer.import.done", { name: phase.name, site })}</p>}
      </div>
      {phase.kind === "failed" && (
        <p class="error" role="alert">
          {phase.message}
        </p>
      )}
      {phase.kind === "done" && <ImportResult i18n={i18n} answer={phase.answer} />}
    </section>
  );
}

/** The import's answer: what was created, what was there already or left out, and why. */
export function ImportResult({ i18n, answer }: { i18n: I18n; answer: ImportAnswer }) {
  const counts = [
    ["transfer.result.threads", answer.threads],
    ["transfer.result.comments", answer.comments],
    ["transfer.result.existing", answer.existing],
    ["transfer.result.skipped", answer.skipped],
  ] as const;
  const { problems } = answer;
  return (
    <div class="import-result">
      <dl class="counts">
        {counts.map(([label, n]) => (
          <div key={label}>
            <dt>{i18n.t(label)}</dt>
            <dd>{i18n.number(n)}</dd>
          </div>
        ))}
      </dl>
      {problems.length === 0 ? (
        <p class="muted">{i18n.t("transfer.result.noProblems")}</p>
      ) : (
        <>
          <h4 id="import-problems">{i18n.plural("transfer.result.problems", problems.length)}</h4>
          <ul class="problems" aria-labelledby="import-problems">
            {problems.slice(0, PROBLEMS_SHOWN).map((problem, index) => (
              <li key={index}>
                <code>{problem.code}</code> {problem.message}
                {problem.line !== undefined && (
                  <span class="muted"> ({i18n.t("transfer.result.line", { line: i18n.number(problem.line) })})</span>
                )}
              </li>
            ))}
          </ul>
          {problems.length > PROBLEMS_SHOWN && <p class="muted">{i18n.plural("transfer.result.more", problems.length - PROBLEMS_SHOWN)}</p>}
        </>
      )}
    </div>
  );
}
