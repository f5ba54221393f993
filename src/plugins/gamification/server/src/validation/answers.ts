import { calendarDay, emptyMeta, instant, pagePaginationSchema, z } from '../../../../../utils/openapi';

/**
 * What the gamification plugin's routes (and the src/api domain actions its services carry out: check-in,
 * makeup, today, calendar, habit stats, task completion) answer on success, as zod schemas. The API
 * document is generated from them and tests/e2e/openapi-conformance.test.ts holds real answers to them;
 * objects are strict, so a new or renamed field must be written here too.
 */

const int = () => z.number().int();
const documentId = z.string();

export const rankSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    stars: int(),
    minDays: int(),
    maxDays: int().nullable(),
    nextAt: int().nullable().openapi({ description: 'Total days at which the next tier starts (null at the top)' }),
  })
  .strict()
  .openapi('Rank');

export const streakSchema = z
  .object({ current: int(), longest: int(), unit: z.enum(['days', 'weeks', 'periods']) })
  .strict()
  .openapi('Streak');

/** One check-in as the check-in actions answer it. */
export const checkInViewSchema = z
  .object({
    id: int(),
    documentId,
    localDate: calendarDay.openapi({ description: 'The user’s local day this check-in counts for' }),
    checkedAt: instant.nullable(),
    isMakeup: z.boolean(),
    madeUpOn: calendarDay.nullable(),
    mood: int().nullable(),
    note: z.string().nullable(),
    images: z.array(z.string()).nullable(),
    duration: int().nullable(),
    count: int().nullable(),
    pointsAwarded: int(),
    habit: z.object({ documentId, title: z.string() }).strict(),
  })
  .strict()
  .openapi('CheckInView');

/** A makeup's chances for a missed day (in a 409 day_passed: whether POST /api/check-ins/makeup can mend it). */
const makeupOutlookSchema = z
  .object({
    possible: z.boolean(),
    blockedBy: z.enum(['too_old', 'before_start', 'after_end', 'no_cards', 'daily_limit']).nullable(),
    withinWindow: z.boolean(),
    lastDay: calendarDay.openapi({ description: 'The last local day on which that day can still be made up' }),
    windowDays: int(),
    cardsLeft: int(),
    makeupsPerDay: int(),
    makeupsLeftToday: int(),
  })
  .strict()
  .openapi('MakeupOutlook');

/** A quit habit's local day with a relapse (quit plugin, gamification setting quitRelapseRule `dayNotCheckedIn`). */
const relapseDaySchema = z.object({ reason: z.literal('relapse_day'), localDate: calendarDay }).strict();

/**
 * `error.details` of a check-in's 409: the day is taken (with its check-in), it is over (with what a makeup
 * can do), or it is a quit habit's relapse day.
 */
export const checkInConflictSchema = z
  .union([
    relapseDaySchema,
    z.object({ reason: z.literal('already_checked_in'), checkIn: checkInViewSchema }).strict(),
    z
      .object({
        reason: z.literal('day_passed'),
        date: calendarDay,
        today: calendarDay,
        habit: z.object({ documentId, title: z.string() }).strict(),
        makeup: makeupOutlookSchema,
      })
      .strict(),
  ])
  .openapi('CheckInConflict');

/** `error.details` of a makeup's 409: the day already has a check-in, or it is a quit habit's relapse day. */
export const makeupConflictSchema = z.union([z.object({ reason: z.literal('already_checked_in'), checkIn: checkInViewSchema }).strict(), relapseDaySchema]);

const pointPartSchema = z
  .object({ reason: z.enum(['check-in', 'streak-bonus']), amount: int(), every: int().optional() })
  .strict()
  .openapi('PointPart');

export const checkInAnswerSchema = z
  .object({
    data: checkInViewSchema,
    meta: z
      .object({
        streak: streakSchema,
        points: z.object({ awarded: int(), parts: z.array(pointPartSchema), balance: int() }).strict(),
        user: z
          .object({ totalDays: int(), consecutiveDays: int(), makeupCards: int(), makeupCardsEarned: int(), rank: rankSchema })
          .strict(),
      })
      .strict(),
  })
  .strict()
  .openapi('CheckInAnswer');

export const makeupAnswerSchema = z
  .object({
    data: checkInViewSchema,
    meta: z
      .object({
        streak: streakSchema,
        points: z.object({ awarded: int(), balance: int() }).strict(),
        user: z
          .object({ totalDays: int(), consecutiveDays: int(), lastCheckInDate: calendarDay.nullable(), makeupCards: int(), rank: rankSchema })
          .strict(),
      })
      .strict(),
  })
  .strict()
  .openapi('MakeupAnswer');

export const todayAnswerSchema = z
  .object({
    data: z.array(checkInViewSchema).openapi({ description: 'Today’s check-ins' }),
    meta: z
      .object({
        localDate: calendarDay.openapi({ description: 'The user’s local day (profile timezone and day start): the day an offline check-in sends as localDate' }),
        habits: z.array(
          z
            .object({
              documentId,
              title: z.string(),
              kind: z.enum(['build', 'quit']),
              checkedIn: z.boolean(),
              streak: streakSchema.openapi({ description: 'The habit’s current and longest streak (current is 0 once a required period was missed)' }),
            })
            .strict(),
        ),
        progress: z.object({ done: int(), total: int() }).strict().openapi({ description: 'Active habits checked in today, of all active habits' }),
        user: z.object({ pointsBalance: int(), makeupCards: int() }).strict(),
      })
      .strict(),
  })
  .strict()
  .openapi('TodayAnswer');

/** The makeup rules in force and where the user stands today (GET /check-ins/makeup/rules, calendar meta). */
export const makeupRulesSchema = z
  .object({
    windowDays: int().openapi({ description: 'How many past days can be made up' }),
    earliestDate: calendarDay.openapi({ description: 'The oldest day a makeup may be for, today' }),
    latestDate: calendarDay.openapi({ description: 'The newest day a makeup may be for (yesterday)' }),
    perDay: int().openapi({ description: 'Makeups allowed per local day' }),
    usedToday: int(),
    leftToday: int(),
    cardsLeft: int(),
    cardCost: int().openapi({ description: 'Cards one makeup spends' }),
    awardsPoints: z.boolean().openapi({ description: 'Whether a makeup earns check-in points' }),
    earning: z
      .object({
        everyConsecutiveDays: int().openapi({ description: 'One card each time the run of consecutive check-in days reaches a multiple of this' }),
        startingCards: int().nullable(),
        otherSources: z.array(z.enum(['lottery', 'redeem-code'])),
      })
      .strict(),
    localDate: calendarDay,
  })
  .strict()
  .openapi('MakeupRules');

export const makeupRulesAnswerSchema = z.object({ data: makeupRulesSchema, meta: emptyMeta }).strict().openapi('MakeupRulesAnswer');

export const calendarAnswerSchema = z
  .object({
    data: z.array(
      z
        .object({
          date: calendarDay,
          checkIns: z.array(z.object({ documentId, isMakeup: z.boolean(), habit: z.object({ documentId, title: z.string() }).strict() }).strict()),
        })
        .strict(),
    ),
    meta: z.object({ month: z.string(), from: calendarDay, to: calendarDay, makeup: makeupRulesSchema }).strict(),
  })
  .strict()
  .openapi('CalendarAnswer');

export const balanceAnswerSchema = z
  .object({ data: z.object({ balance: int(), earned: int(), spent: int() }).strict(), meta: emptyMeta })
  .strict()
  .openapi('PointsBalanceAnswer');

export const pointsRecordsAnswerSchema = z
  .object({
    data: z.array(
      z
        .object({
          id: int(),
          amount: int(),
          balanceAfter: int(),
          reason: z.string(),
          sourceType: z.string().nullable(),
          sourceId: z.string().nullable(),
          note: z.string().nullable(),
          createdAt: instant,
        })
        .strict()
        .openapi('PointsRecord'),
    ),
    meta: z.object({ pagination: pagePaginationSchema }).strict(),
  })
  .strict()
  .openapi('PointsRecordsAnswer');

const dayCountSchema = z.object({ date: calendarDay, count: int() }).strict().openapi('DayCount');

export const myStatsAnswerSchema = z
  .object({
    data: z
      .object({
        localDate: calendarDay,
        totalDays: int(),
        totalCheckIns: int(),
        consecutiveDays: int(),
        longestStreakDays: int(),
        rank: rankSchema,
        last7Days: z.array(dayCountSchema),
        completionRate: z.number().openapi({ description: '0-1, the mean of the active habits’ completion rates' }),
        habits: z.object({ active: int(), archived: int() }).strict(),
        pointsBalance: int(),
        makeupCards: int(),
        diaries: z.object({ consecutiveDays: int(), totalDays: int() }).strict(),
      })
      .strict(),
    meta: emptyMeta,
  })
  .strict()
  .openapi('MyStatsAnswer');

const milestoneSchema = z
  .object({ key: z.string(), title: z.string(), afterHours: z.number(), achieved: z.boolean(), hoursRemaining: z.number() })
  .strict()
  .openapi('HealthMilestone');

export const habitStatsAnswerSchema = z
  .object({
    data: z
      .object({
        habit: z.object({ documentId, title: z.string(), kind: z.enum(['build', 'quit']), startDate: calendarDay }).strict(),
        streak: streakSchema,
        completionRate: z.number(),
        totalCheckIns: int(),
        strength: z.object({ current: z.number(), series: z.array(z.object({ date: calendarDay, score: z.number() }).strict()) }).strict(),
        heatmap: z.array(dayCountSchema).openapi({ description: 'The last 365 days' }),
        bestStreaks: z.array(z.object({ start: calendarDay, end: calendarDay, days: int() }).strict()),
        quit: z
          .object({
            daysSmokeFree: int(),
            cigarettesAvoided: int().optional(),
            moneySaved: z.number().optional(),
            equivalent: z.object({ name: z.string(), count: int(), unit: z.string() }).strict().optional(),
            settingsMissing: z.literal(true).optional().openapi({ description: 'Set when the profile has no smoking settings (PUT /api/me)' }),
            milestones: z.array(milestoneSchema),
          })
          .strict()
          .nullable()
          .openapi({ description: 'Quit habits only' }),
      })
      .strict(),
    meta: emptyMeta,
  })
  .strict()
  .openapi('HabitStatsAnswer');

export const taskViewSchema = z
  .object({
    id: int(),
    documentId,
    localDate: calendarDay,
    title: z.string(),
    description: z.string().nullable(),
    category: z.enum(['daily', 'study', 'sport', 'life', 'reading', 'kindness']),
    points: int(),
    isSystem: z.boolean(),
    completed: z.boolean(),
    completedAt: instant.nullable(),
  })
  .strict()
  .openapi('TaskView');

export const taskCompleteAnswerSchema = z
  .object({ data: taskViewSchema, meta: z.object({ points: z.object({ awarded: int(), balance: int() }).strict() }).strict() })
  .strict()
  .openapi('TaskCompleteAnswer');

const prizeKind = z.enum(['virtual', 'physical', 'points', 'makeupCard', 'vipDays']);

export const prizesAnswerSchema = z
  .object({
    data: z.array(
      z
        .object({
          documentId,
          name: z.string(),
          description: z.string().nullable(),
          kind: prizeKind,
          amount: int().nullable(),
          weight: z.number(),
          stock: int().openapi({ description: 'Units left; -1 is unlimited' }),
          available: z.boolean(),
        })
        .strict()
        .openapi('LotteryPrize'),
    ),
    meta: z.object({ cost: int(), drawsPerDay: int(), drawsLeftToday: int(), noPrize: z.string() }).strict(),
  })
  .strict()
  .openapi('LotteryPrizesAnswer');

/** A membership extended by a prize or a code; `kept` when a higher tier in force kept its time instead. */
const membershipChangeSchema = z
  .object({ before: z.enum(['free', 'vip', 'ai']), after: z.enum(['vip', 'ai']), expiresAt: instant.nullable() })
  .strict()
  .openapi('MembershipChange');

export const drawAnswerSchema = z
  .object({
    data: z
      .object({
        documentId,
        isWinner: z.boolean(),
        prize: z.object({ documentId, name: z.string(), kind: prizeKind, amount: int().nullable() }).strict().nullable(),
        prizeName: z.string(),
        cost: int(),
        localDate: calendarDay,
      })
      .strict(),
    meta: z
      .object({
        balance: int(),
        drawsLeftToday: int(),
        membership: z.union([membershipChangeSchema, z.object({ kept: z.enum(['vip', 'ai']) }).strict()]).optional(),
      })
      .strict(),
  })
  .strict()
  .openapi('DrawAnswer');

export const drawRecordsAnswerSchema = z
  .object({
    data: z.array(
      z
        .object({
          documentId,
          isWinner: z.boolean(),
          prizeName: z.string(),
          prize: z.object({ documentId, kind: prizeKind.nullable(), amount: int().nullable() }).strict().nullable(),
          cost: int(),
          localDate: calendarDay,
          createdAt: instant.nullable(),
        })
        .strict()
        .openapi('DrawRecord'),
    ),
    meta: z.object({ pagination: pagePaginationSchema }).strict(),
  })
  .strict()
  .openapi('DrawRecordsAnswer');

const codeKind = z.enum(['vipDays', 'aiDays', 'makeupCards', 'points']);
/** What a redemption gave: membership days, makeup cards, or points with the new balance. */
const redemptionResultSchema = z
  .union([membershipChangeSchema, z.object({ makeupCards: int() }).strict(), z.object({ points: int(), balance: int() }).strict()])
  .openapi('RedemptionResult');

const redemptionSchema = z
  .object({ documentId, kind: codeKind, amount: int(), result: redemptionResultSchema, redeemedAt: instant.nullable() })
  .strict()
  .openapi('Redemption');

export const redeemAnswerSchema = z.object({ data: redemptionSchema, meta: emptyMeta }).strict().openapi('RedeemAnswer');

export const redeemHistoryAnswerSchema = z
  .object({ data: z.array(redemptionSchema), meta: z.object({ pagination: pagePaginationSchema }).strict() })
  .strict()
  .openapi('RedeemHistoryAnswer');
