import { envelope, type WxAnswer, type WxCall } from './wx-double';

/**
 * A small stand-in for the platform's API, just enough for the API layer's unit tests: sign-in, one-use
 * rotating refresh tokens, access tokens that can be expired on demand, and check-ins with the
 * server's rules (one per habit and day, idempotency keys replaying the first answer, a passed
 * `localDate` refused with 409 day_passed, makeups). The contract test runs against the real server.
 */

export interface FakeCheckIn {
  documentId: string;
  habit: string;
  localDate: string;
  isMakeup: boolean;
}

const json = (status: number, body: unknown): WxAnswer => ({ status, headers: { 'Content-Type': 'application/json' }, body });

export class FakeServer {
  today = '2026-12-04';
  loginCalls = 0;
  refreshCalls = 0;
  jwt: string | null = null;
  refreshToken: string | null = null;
  private issued = 0;
  /** Every check-in stored, in the order stored. */
  checkIns: FakeCheckIn[] = [];
  /** idempotency key -> the first answer to it. */
  private answers = new Map<string, WxAnswer>();
  /** Called before the routes: return an answer to take over a request. */
  override: ((call: WxCall) => WxAnswer | 'fail' | undefined) | null = null;
  /** Habits that exist (documentIds); others answer 404. */
  habits = new Set(['habitaaaaaa1', 'habitbbbbbb2', 'habitcccccc3']);

  /** Make the current access token answer 401 from now on. */
  expireAccessToken() {
    this.jwt = `expired-${this.jwt}`;
  }

  /** Revoke the whole sign-in: the refresh token answers 401 (as a spent / revoked one does). */
  revokeRefreshToken() {
    this.refreshToken = `revoked-${this.refreshToken}`;
  }

  private issue() {
    this.issued += 1;
    this.jwt = `jwt-${this.issued}`;
    this.refreshToken = `refresh-${this.issued}`;
    return { jwt: this.jwt, refreshToken: this.refreshToken };
  }

  user() {
    return {
      id: 7, documentId: 'user7aaaaaaaa', nickname: 'Ann', avatar: null, timezone: 'Asia/Shanghai', dayStartHour: 0, province: null, city: null, district: null,
      showInRanking: true, membershipTier: 'free' as const, membershipExpiresAt: null, pointsBalance: 0, makeupCards: 3, phoneMasked: null, smokingSettings: null,
      totalCheckInDays: 0, consecutiveDays: 0, lastCheckInDate: null, lastLoginAt: null, createdAt: '2026-01-01T00:00:00.000Z',
    };
  }

  checkInView(row: FakeCheckIn) {
    return {
      id: this.checkIns.indexOf(row) + 1, documentId: row.documentId, localDate: row.localDate, checkedAt: '2026-12-04T01:00:00.000Z', isMakeup: row.isMakeup,
      madeUpOn: row.isMakeup ? this.today : null, mood: null, note: null, images: null, duration: null, count: null, pointsAwarded: 10,
      habit: { documentId: row.habit, title: row.habit },
    };
  }

  /** GET /api/check-ins/today for `habits`, from the check-ins stored on the server's today. */
  todayAnswer(habits: ReadonlyArray<{ documentId: string; title: string; kind: string }>) {
    const rows = this.checkIns.filter((row) => row.localDate === this.today);
    const listed = habits.map((habit) => {
      const checkedIn = rows.some((row) => row.habit === habit.documentId);
      return { ...habit, checkedIn, streak: { current: checkedIn ? 1 : 0, longest: 1, unit: 'days' as const } };
    });
    return {
      data: rows.filter((row) => habits.some((habit) => habit.documentId === row.habit)).map((row) => this.checkInView(row)),
      meta: {
        localDate: this.today,
        habits: listed,
        progress: { done: listed.filter((habit) => habit.checkedIn).length, total: listed.length },
        user: { pointsBalance: 10 * rows.length, makeupCards: 3 },
      },
    };
  }

  handle = (call: WxCall): WxAnswer | 'fail' => {
    const taken = this.override?.(call);
    if (taken !== undefined) return taken;
    const path = call.path.split('?')[0];
    const body = (call.body ?? {}) as Record<string, unknown>;
    if (call.method === 'POST' && path === '/api/wechat/login') {
      this.loginCalls += 1;
      return json(200, { data: { ...this.issue(), user: this.user() }, meta: {} });
    }
    if (call.method === 'POST' && path === '/api/auth/refresh') {
      this.refreshCalls += 1;
      if (body.refreshToken !== this.refreshToken) return envelope(401, 'UnauthorizedError', 'This refresh token was already used; sign in again with wx.login');
      return json(200, { data: this.issue(), meta: {} });
    }
    if (call.headers.Authorization !== `Bearer ${this.jwt}`) return envelope(401, 'UnauthorizedError', 'Missing or invalid credentials');

    if (call.method === 'GET' && path === '/api/habits') {
      return json(200, { data: [], meta: { pagination: { page: 1, pageSize: 25, pageCount: 0, total: 0 } } });
    }
    if (call.method === 'POST' && path === '/api/check-ins') return this.checkIn((body.data ?? {}) as Record<string, string>);
    if (call.method === 'POST' && path === '/api/check-ins/makeup') {
      const data = (body.data ?? {}) as { habit: string; date: string };
      if (this.checkIns.some((row) => row.habit === data.habit && row.localDate === data.date)) return this.duplicate(data.habit, data.date);
      const row: FakeCheckIn = { documentId: `ci${this.checkIns.length + 1}xxxxxxxx`, habit: data.habit, localDate: data.date, isMakeup: true };
      this.checkIns.push(row);
      return json(201, { data: this.checkInView(row), meta: { streak: { current: 1, longest: 1, unit: 'days' }, points: { awarded: 0, balance: 0 }, user: {} } });
    }
    return envelope(404, 'NotFoundError', 'Not Found');
  };

  private duplicate(habit: string, localDate: string): WxAnswer {
    const existing = this.checkIns.find((row) => row.habit === habit && row.localDate === localDate) as FakeCheckIn;
    return envelope(409, 'ConflictError', `This habit is already checked in for ${localDate}`, { checkIn: this.checkInView(existing) });
  }

  private checkIn(data: Record<string, string>): WxAnswer {
    const key = data.idempotencyKey;
    if (key && this.answers.has(key)) return this.answers.get(key) as WxAnswer;
    if (!this.habits.has(data.habit)) return envelope(404, 'NotFoundError', `habit ${data.habit} not found among your habits`, { field: 'habit' });
    let answer: WxAnswer;
    const day = data.localDate ?? this.today;
    if (day < this.today) {
      answer = envelope(409, 'ConflictError', `${day} is over; make it up instead`, {
        reason: 'day_passed',
        date: day,
        today: this.today,
        habit: { documentId: data.habit, title: data.habit },
        makeup: { possible: true, blockedBy: null, withinWindow: true, lastDay: day, windowDays: 7, cardsLeft: 3, makeupsPerDay: 2, makeupsLeftToday: 2 },
      });
    } else if (this.checkIns.some((row) => row.habit === data.habit && row.localDate === day)) {
      answer = this.duplicate(data.habit, day);
    } else {
      const row: FakeCheckIn = { documentId: `ci${this.checkIns.length + 1}xxxxxxxx`, habit: data.habit, localDate: day, isMakeup: false };
      this.checkIns.push(row);
      answer = json(201, {
        data: this.checkInView(row),
        meta: {
          streak: { current: 1, longest: 1, unit: 'days' },
          points: { awarded: 10, parts: [{ reason: 'check-in', amount: 10 }], balance: 10 * this.checkIns.length },
          user: { totalDays: 1, consecutiveDays: 1, makeupCards: 3, makeupCardsEarned: 0, rank: { key: 'bronze', name: '倔强青铜', stars: 1, minDays: 1, maxDays: 7, nextAt: 8 } },
        },
      });
    }
    if (key) this.answers.set(key, answer);
    return answer;
  }
}
