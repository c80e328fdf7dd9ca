// A delete can't be undone on the server, so the page holds the DELETE back for a few
// seconds behind an "Undo" toast (issue 4). At most one request waits at a time: a new
// one, the end of the delay, or the page being hidden sends the waiting one at once.

export type DeferredRun = (options: { keepalive: boolean }) => Promise<void>;

export class Deferred {
  private job: { run: DeferredRun; timer: ReturnType<typeof setTimeout> } | null = null;

  get waiting(): boolean {
    return this.job !== null;
  }

  /** Sends whatever was waiting, then holds `run` back for `delayMs`. */
  schedule(run: DeferredRun, delayMs: number): Promise<void> {
    const sent = this.flush();
    this.job = { run, timer: setTimeout(() => void this.flush(), delayMs) };
    return sent;
  }

  /** Drops the waiting request; false when there was none (it has already gone). */
  cancel(): boolean {
    if (this.job === null) return false;
    clearTimeout(this.job.timer);
    this.job = null;
    return true;
  }

  /** Sends the waiting request now. `keepalive` when the page may be going away. */
  flush(keepalive = false): Promise<void> {
    const job = this.job;
    if (job === null) return Promise.resolve();
    this.cancel();
    return job.run({ keepalive });
  }

  /**
   * Sends the waiting request with `keepalive` when the tab is hidden (switching away, closing,
   * a phone locking): after that the page may never run again. Returns the remover.
   */
  flushWhenHidden(target: Window = window): () => void {
    const hidden = () => {
      if (target.document.visibilityState === "hidden") void this.flush(true);
    };
    const leaving = () => void this.flush(true);
    target.document.addEventListener("visibilitychange", hidden);
    target.addEventListener("pagehide", leaving);
    return () => {
      target.document.removeEventListener("visibilitychange", hidden);
      target.removeEventListener("pagehide", leaving);
    };
  }
}
