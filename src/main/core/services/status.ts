/**
 * The host's live status (mode, broker connection, slots, token expiry) for the status bar.
 * Authoritative in the host; windows get a snapshot on subscribe, then every change.
 */
import type { AppStatus } from '../../../shared/contract';
import type { ConnectionState, Mode } from '../../../shared/domain/mode';
import { Emitter, type Disposable } from '../../../shared/lifecycle';

export class StatusService implements Disposable {
  private current: AppStatus;
  private readonly changed = new Emitter<AppStatus>();
  readonly onDidChange = this.changed.event;

  constructor(
    mode: Mode,
    version: string,
    private readonly now: () => number = Date.now,
  ) {
    const t = this.now();
    this.current = {
      mode,
      version,
      connection: { state: 'connecting', since: t, detail: 'starting' },
      at: t,
    };
  }

  get snapshot(): AppStatus {
    return { ...this.current, at: this.now() };
  }

  setConnection(state: ConnectionState, detail?: string): void {
    const prev = this.current.connection;
    if (prev.state === state && prev.detail === detail) return;
    const connection: AppStatus['connection'] = {
      state,
      since: prev.state === state ? prev.since : this.now(),
    };
    if (detail !== undefined) connection.detail = detail;
    this.update({ connection });
  }

  setSlots(used: number, max: number): void {
    if (this.current.slots?.used === used && this.current.slots.max === max) return;
    this.update({ slots: { used, max } });
  }

  setTokenExpiry(at: number | undefined): void {
    if (this.current.tokenExpiresAt === at) return;
    const next = { ...this.current };
    if (at === undefined) delete next.tokenExpiresAt;
    else next.tokenExpiresAt = at;
    this.current = next;
    this.changed.fire(this.snapshot);
  }

  private update(patch: Partial<AppStatus>): void {
    this.current = { ...this.current, ...patch };
    this.changed.fire(this.snapshot);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
