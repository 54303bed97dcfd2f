/**
 * The one open session of a process: switching environment closes the old session before the new one
 * opens, so two environments are never live at once here. Sessions open lazily on first use.
 */
import type { Environment } from '../environment';

export interface ClosableSession {
  readonly environment: Environment;
  close(): Promise<void>;
}

export type SessionOpener<S extends ClosableSession> = (environment: Environment) => Promise<S>;

export class SessionHost<S extends ClosableSession> {
  private session: Promise<S> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly open: SessionOpener<S>,
    private environment: Environment,
  ) {}

  /** The current environment's session, opened on first use. */
  current(): Promise<S> {
    this.session ??= this.open(this.environment).catch((err: unknown) => {
      this.session = null;
      throw err;
    });
    return this.session;
  }

  get currentEnvironment(): Environment {
    return this.environment;
  }

  /** Closes the current session and makes `environment` current (opened lazily). Serialized. */
  switchTo(environment: Environment): Promise<void> {
    const step = this.queue.then(async () => {
      if (environment === this.environment && this.session) return;
      const old = this.session;
      this.session = null;
      this.environment = environment;
      if (old) await (await old.catch(() => null))?.close();
    });
    this.queue = step.catch(() => {});
    return step;
  }

  async close(): Promise<void> {
    await this.queue;
    const old = this.session;
    this.session = null;
    if (old) await (await old.catch(() => null))?.close();
  }
}
