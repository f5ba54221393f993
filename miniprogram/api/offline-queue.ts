import type { KeyValueStorage } from '../platform/types';
import { localDayFor } from '../logic/dates';
import type { ApiClient } from './client';
import { ApiError, NetworkError } from './errors';
import type { CheckIn, CheckInAnswer, CheckInConflictDetails, CheckInRequest, MakeupAnswer } from './paths';

/**
 * Offline check-ins (seed 000 §offline sync).
 *
 * A tap becomes an entry in wx storage, with its idempotency key and the user's local day, *before*
 * anything is sent. Entries are then sent one at a time, in tap order, each always with its own key:
 * a lost answer is retried with the same key, and the server answers a key it has seen with its first
 * answer, so nothing is ever stored twice. The queue is replayed when the network comes back
 * (wx.onNetworkStatusChange) and at launch, and survives restarts (keys included).
 *
 * Every entry carries the local day it was tapped on. The server checks it in for that day only when
 * it is still the user's today; a day that has passed meanwhile is answered 409 `day_passed`, and the
 * entry waits for the user to choose a makeup (补签, which spends a card) or to drop it. The queue never
 * makes up a day on its own.
 */

export const QUEUE_STORAGE_KEY = 'offline.checkIns.v1';

export type CheckInExtras = Pick<CheckInRequest, 'note' | 'mood' | 'duration' | 'count' | 'images'>;

export interface QueuedCheckIn {
  /** The idempotency key, made once at the tap and sent on every attempt. */
  key: string;
  habit: string;
  habitTitle: string | null;
  /** The user's local day at the tap. */
  localDate: string;
  tappedAt: string;
  extras: CheckInExtras;
  /** The account that tapped (entries of another account on this device are never sent as this one). */
  userId: number | null;
  /** pending: to send; needsMakeup: the day passed before it reached the server. */
  state: 'pending' | 'needsMakeup';
  attempts: number;
  lastError: string | null;
  /** What the server said when it refused the day (details of the 409 day_passed). */
  dayPassed: CheckInConflictDetails | null;
}

export type CheckInOutcome =
  /** Stored now (or the key's first answer replayed). */
  | { kind: 'done'; answer: CheckInAnswer }
  /** The day was already checked in (409): counts as done. */
  | { kind: 'alreadyDone'; checkIn: CheckIn | null }
  /** Not sent yet (no network or the server is down): shown as done, replayed later. */
  | { kind: 'queued'; entry: QueuedCheckIn }
  /** The tapped day is over: offer a makeup. */
  | { kind: 'dayPassed'; entry: QueuedCheckIn }
  /** The server refused it for good (habit archived, deleted, not started ...): the entry is dropped. */
  | { kind: 'rejected'; error: ApiError };

export type FlushResult = { sent: number; stopped: 'empty' | 'offline' | 'serverError' };

export interface OfflineQueueOptions {
  client: ApiClient;
  storage: KeyValueStorage;
  storageKey?: string;
}

type Stored = { entries: QueuedCheckIn[] };

const randomChars = (n: number) => {
  let out = '';
  while (out.length < n) out += Math.random().toString(36).slice(2);
  return out.slice(0, n);
};

/** 8-64 of [A-Za-z0-9_.:-], as the server wants: "ci:" + time + randomness, unique per device and tap. */
export const newIdempotencyKey = (now: Date) => `ci:${now.getTime().toString(36)}:${randomChars(16)}`;

/** A failure that says nothing about the check-in itself: try again later, in order. */
const isTransient = (error: unknown) =>
  error instanceof NetworkError || (error instanceof ApiError && (error.status >= 500 || error.status === 429 || error.status === 401 || error.status === 408));

export class OfflineQueue {
  private readonly client: ApiClient;
  private readonly storage: KeyValueStorage;
  private readonly storageKey: string;
  private flushing: Promise<FlushResult> | null = null;
  private sendingKey: string | null = null;
  private readonly outcomes = new Map<string, CheckInOutcome>();
  private readonly listeners = new Set<(entries: QueuedCheckIn[]) => void>();
  private readonly settledListeners = new Set<(entry: QueuedCheckIn, outcome: CheckInOutcome) => void>();
  private unsubscribe: (() => void) | null = null;

  constructor(options: OfflineQueueOptions) {
    this.client = options.client;
    this.storage = options.storage;
    this.storageKey = options.storageKey ?? QUEUE_STORAGE_KEY;
  }

  /** Every entry, in tap order. */
  entries(): QueuedCheckIn[] {
    return this.storage.get<Stored>(this.storageKey)?.entries ?? [];
  }

  /** Entries still to send, in tap order. */
  pending(): QueuedCheckIn[] {
    return this.entries().filter((entry) => entry.state === 'pending');
  }

  /** Entries whose day passed before they reached the server: each wants a makeup or a dismissal. */
  needingMakeup(): QueuedCheckIn[] {
    return this.entries().filter((entry) => entry.state === 'needsMakeup');
  }

  /** Habits shown as checked in on `localDate` because a tap for that day is waiting to be sent. */
  pendingHabitsOn(localDate: string): Set<string> {
    return new Set(this.pending().filter((entry) => entry.localDate === localDate).map((entry) => entry.habit));
  }

  onChange(listener: (entries: QueuedCheckIn[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Told of every entry the queue settles, in the background too (network back, launch): stored,
   * already done, day passed, refused. A page shows the result without reading the list again.
   */
  onSettled(listener: (entry: QueuedCheckIn, outcome: CheckInOutcome) => void): () => void {
    this.settledListeners.add(listener);
    return () => this.settledListeners.delete(listener);
  }

  /** Replay when the network comes back, and once now (app launch). */
  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.client.platform.onNetworkChange((online) => {
      if (online) void this.flush().catch(() => undefined);
    });
    void this.flush().catch(() => undefined);
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** The local day of the signed-in user now (their timezone and day start; device clock). */
  today(): string {
    return localDayFor(this.client.session.user ?? {}, this.client.platform.now());
  }

  /**
   * Check a habit in for the user's local today. The entry is stored before the first send; a second
   * tap on the same habit and day while one is waiting reuses the waiting entry (and its key).
   */
  async checkIn(habit: { documentId: string; title?: string | null }, extras: CheckInExtras = {}): Promise<CheckInOutcome> {
    const now = this.client.platform.now();
    const localDate = this.today();
    const existing = this.entries().find((entry) => entry.habit === habit.documentId && entry.localDate === localDate);
    const entry: QueuedCheckIn = existing ?? {
      key: newIdempotencyKey(now),
      habit: habit.documentId,
      habitTitle: habit.title ?? null,
      localDate,
      tappedAt: now.toISOString(),
      extras,
      userId: this.client.session.user?.id ?? null,
      state: 'pending',
      attempts: 0,
      lastError: null,
      dayPassed: null,
    };
    if (!existing) this.write([...this.entries(), entry]);
    if (entry.state === 'needsMakeup') return { kind: 'dayPassed', entry };

    for (let round = 0; round < 2; round += 1) {
      const result = await this.flush();
      const outcome = this.outcomes.get(entry.key);
      if (outcome) {
        this.outcomes.delete(entry.key);
        return outcome;
      }
      if (result.stopped !== 'empty') break;
      // The flush had finished its list just before this entry was written: one more round sends it.
    }
    return { kind: 'queued', entry: this.find(entry.key) ?? entry };
  }

  /**
   * Send every pending entry, oldest first, one at a time; stops at the first one that cannot be sent
   * now (offline, server error) so later taps never overtake it. One flush at a time.
   */
  flush(): Promise<FlushResult> {
    if (this.flushing) return this.flushing;
    this.flushing = this.runFlush().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** Take back a tap that has not reached the server yet. False when it is not waiting (sent or unknown). */
  cancel(key: string): boolean {
    if (!this.find(key) || this.sendingKey === key) return false;
    this.write(this.entries().filter((each) => each.key !== key));
    return true;
  }

  /** The user declined to make up a passed day. */
  dismiss(key: string): void {
    this.write(this.entries().filter((each) => each.key !== key));
  }

  /**
   * The user chose to make up a passed day: POST /api/check-ins/makeup for the entry's habit and day
   * (spends one card). Done or already checked in: the entry goes. Refused (no cards, too old ...):
   * the ApiError is thrown and the entry stays for the user to dismiss.
   */
  async makeUp(key: string): Promise<MakeupAnswer | null> {
    const entry = this.find(key);
    if (!entry) return null;
    try {
      const answer = await this.client.request('post', '/api/check-ins/makeup', { body: { data: { habit: entry.habit, date: entry.localDate } } });
      this.dismiss(key);
      return answer;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        this.dismiss(key);
        return null;
      }
      throw error;
    }
  }

  private find(key: string): QueuedCheckIn | undefined {
    return this.entries().find((entry) => entry.key === key);
  }

  private write(entries: QueuedCheckIn[]) {
    if (entries.length === 0) this.storage.remove(this.storageKey);
    else this.storage.set(this.storageKey, { entries } satisfies Stored);
    for (const listener of [...this.listeners]) listener(entries);
  }

  private update(key: string, change: Partial<QueuedCheckIn>) {
    this.write(this.entries().map((entry) => (entry.key === key ? { ...entry, ...change } : entry)));
  }

  private sendable(entry: QueuedCheckIn): boolean {
    const me = this.client.session.user?.id ?? null;
    return entry.state === 'pending' && (entry.userId === null || me === null || entry.userId === me);
  }

  private async runFlush(): Promise<FlushResult> {
    let sent = 0;
    if (this.entries().some((entry) => this.sendable(entry)) && !(await this.client.platform.isOnline())) {
      return { sent, stopped: 'offline' };
    }
    for (;;) {
      const entry = this.entries().find((each) => this.sendable(each));
      if (!entry) return { sent, stopped: 'empty' };
      const outcome = await this.send(entry);
      if (outcome === 'offline' || outcome === 'serverError') return { sent, stopped: outcome };
      this.outcomes.set(entry.key, outcome);
      for (const listener of [...this.settledListeners]) listener(entry, outcome);
      sent += 1;
    }
  }

  /** One attempt at one entry; the entry leaves the queue unless it must be tried again later. */
  private async send(entry: QueuedCheckIn): Promise<CheckInOutcome | 'offline' | 'serverError'> {
    const data: CheckInRequest = { ...entry.extras, habit: entry.habit, idempotencyKey: entry.key, localDate: entry.localDate };
    this.sendingKey = entry.key;
    try {
      const answer = await this.client.request('post', '/api/check-ins', { body: { data } });
      this.dismiss(entry.key);
      return { kind: 'done', answer };
    } catch (error) {
      if (isTransient(error)) {
        this.update(entry.key, { attempts: entry.attempts + 1, lastError: error instanceof Error ? error.message : String(error) });
        return error instanceof NetworkError ? 'offline' : 'serverError';
      }
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 409 && error.reason === 'day_passed') {
        const passed: QueuedCheckIn = { ...entry, state: 'needsMakeup', attempts: entry.attempts + 1, lastError: error.message, dayPassed: error.details as CheckInConflictDetails };
        this.update(entry.key, passed);
        return { kind: 'dayPassed', entry: passed };
      }
      this.dismiss(entry.key);
      if (error.status === 409) {
        const existing = error.details.checkIn;
        return { kind: 'alreadyDone', checkIn: existing && typeof existing === 'object' ? (existing as CheckIn) : null };
      }
      return { kind: 'rejected', error };
    } finally {
      this.sendingKey = null;
    }
  }
}
