/**
 * One build at a time: a change during a build asks for exactly one more build afterwards (however
 * many changes came in), so the preview always ends on the latest files without piling up builds.
 */
export class Rebuilder {
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(private readonly build: () => Promise<void>) {}

  /** Builds now (or after the running build) and resolves when the files are current. */
  run(): Promise<void> {
    this.request();
    return this.idle();
  }

  /** Asks for a build; returns at once. */
  request(): void {
    if (this.closed) return;
    if (this.running !== null) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.build();
      } while (this.again && !this.closed);
      this.running = null;
    })();
  }

  /** Resolves when no build runs; after `stop`, no new build starts. */
  async idle(): Promise<void> {
    while (this.running !== null) await this.running;
  }

  stop(): void {
    this.closed = true;
  }
}
