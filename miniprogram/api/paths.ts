import type { paths } from './schema';

/**
 * The only window onto schema.d.ts (openapi-typescript's output). Everything else in the app names its
 * types through these helpers, by path and method, never by the schema's component names, so that
 * regenerating schema.d.ts (`npm run openapi`) changes nothing here unless the API itself changed.
 */

export type ApiPath = keyof paths;
export type Method = 'get' | 'put' | 'post' | 'delete';

/** The operation of `method` on `path` (paths list missing methods as `?: never`). */
export type Operation<P extends ApiPath, M extends Method> = NonNullable<paths[P][M]>;

/** The methods `path` has. */
export type MethodsOf<P extends ApiPath> = { [M in Method]-?: [NonNullable<paths[P][M]>] extends [never] ? never : M }[Method];

/** Every path that has `method`. */
export type PathsWith<M extends Method> = { [P in ApiPath]: M extends MethodsOf<P> ? P : never }[ApiPath];

type ResponsesOf<O> = O extends { responses: infer R } ? R : never;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : R extends { content?: never } ? null : never;
type SuccessStatus = 200 | 201 | 204;

/** The body of a successful answer (2xx) of `method` on `path`; null for 204. */
export type SuccessBody<P extends ApiPath, M extends MethodsOf<P>> = JsonOf<
  ResponsesOf<Operation<P, M>>[Extract<keyof ResponsesOf<Operation<P, M>>, SuccessStatus>]
>;

/** The documented body of an error `status` of `method` on `path` (falls back to the generic envelope). */
export type ErrorBody<P extends ApiPath, M extends MethodsOf<P>, S extends number> = S extends keyof ResponsesOf<Operation<P, M>>
  ? JsonOf<ResponsesOf<Operation<P, M>>[S]>
  : 'default' extends keyof ResponsesOf<Operation<P, M>>
    ? JsonOf<ResponsesOf<Operation<P, M>>['default']>
    : never;

type ParametersOf<O> = O extends { parameters: infer Q } ? Q : never;
type RequestBodyOf<O> = O extends { requestBody?: infer B } ? B : never;
type JsonBody<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type QueryOf<P extends ApiPath, M extends MethodsOf<P>> = ParametersOf<Operation<P, M>> extends { query?: infer Q } ? NonNullable<Q> : never;
export type PathParamsOf<P extends ApiPath, M extends MethodsOf<P>> = ParametersOf<Operation<P, M>> extends { path?: infer Q } ? NonNullable<Q> : never;
/** The JSON body `method` on `path` takes (never when it takes none). */
export type BodyOf<P extends ApiPath, M extends MethodsOf<P>> = JsonBody<NonNullable<RequestBodyOf<Operation<P, M>>>>;

/** Whether `K` may be left out of `T`. */
// eslint-disable-next-line @typescript-eslint/ban-types
type IsOptional<T, K extends keyof T> = {} extends Pick<T, K> ? true : false;

/** `key: V` when `T[K]` is required, `key?: V` when optional, `key?: never` when there is no such part. */
type Part<Name extends string, T, K extends string, V> = K extends keyof T
  ? [V] extends [never]
    ? { [n in Name]?: never }
    : IsOptional<T, K> extends true
      ? { [n in Name]?: V }
      : { [n in Name]: V }
  : { [n in Name]?: never };

/** What a call of `method` on `path` takes: path parameters, query, body, extra headers. */
export type RequestArgs<P extends ApiPath, M extends MethodsOf<P>> = Part<'path', ParametersOf<Operation<P, M>>, 'path', PathParamsOf<P, M>> &
  Part<'query', ParametersOf<Operation<P, M>>, 'query', QueryOf<P, M>> &
  Part<'body', Operation<P, M>, 'requestBody', BodyOf<P, M>> & {
    headers?: Record<string, string>;
    /** false: send without the access token (public catalogue reads). Default true. */
    auth?: boolean;
  };

// ---------------------------------------------------------------------------------------------------
// Domain types, named once, by the route that returns them.
// ---------------------------------------------------------------------------------------------------

// `data?` / `meta?`: generated answer types may mark them optional; an answer that arrives has them.
export type DataOf<B> = B extends { data?: infer D } ? NonNullable<D> : never;
type MetaOf<B> = B extends { meta?: infer D } ? NonNullable<D> : never;
type Item<L> = L extends ReadonlyArray<infer I> ? I : never;

export type User = DataOf<SuccessBody<'/api/me', 'get'>>;
export type ProfileUpdate = NonNullable<BodyOf<'/api/me', 'put'>>;
export type LoginAnswer = SuccessBody<'/api/wechat/login', 'post'>;
export type LoginRequest = NonNullable<BodyOf<'/api/wechat/login', 'post'>>;
export type TokenPair = DataOf<SuccessBody<'/api/auth/refresh', 'post'>>;
export type AccountDeletion = DataOf<SuccessBody<'/api/me', 'delete'>>;
export type AccountExport = DataOf<SuccessBody<'/api/me/export', 'get'>>;
export type MeStats = DataOf<SuccessBody<'/api/me/stats', 'get'>>;
export type Rank = MeStats['rank'];

export type Pagination = MetaOf<SuccessBody<'/api/habits', 'get'>>['pagination'];
export type StrapiListQuery = NonNullable<QueryOf<'/api/habits', 'get'>>;
export type PageQuery = NonNullable<QueryOf<'/api/points/records', 'get'>>;

export type HabitTemplate = Item<DataOf<SuccessBody<'/api/habit-templates', 'get'>>>;
export type Habit = DataOf<SuccessBody<'/api/habits/{id}', 'get'>>;
export type HabitInput = NonNullable<BodyOf<'/api/habits', 'post'>>['data'];
export type HabitUpdate = NonNullable<BodyOf<'/api/habits/{id}', 'put'>>['data'];
export type FrequencyType = Habit['frequencyType'];
/**
 * ISO weekday, 1 = Monday ... 7 = Sunday. A habit's `weekdays` and `reminderTimes` are JSON attributes,
 * which the document can only call `unknown`: logic/habit-form.ts reads them with weekdaysOf / timesOf.
 */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export type HabitStats = DataOf<SuccessBody<'/api/habits/{id}/stats', 'get'>>;
export type QuitStats = NonNullable<HabitStats['quit']>;
export type HealthMilestone = QuitStats['milestones'][number];

export type CheckInRequest = NonNullable<BodyOf<'/api/check-ins', 'post'>>['data'];
export type CheckInAnswer = SuccessBody<'/api/check-ins', 'post'>;
export type CheckIn = CheckInAnswer['data'];
export type CheckInConflict = ErrorBody<'/api/check-ins', 'post', 409>;
export type CheckInConflictDetails = NonNullable<CheckInConflict>['error']['details'];
export type CheckInEntry = DataOf<SuccessBody<'/api/check-ins/{id}', 'get'>>;
export type CheckInEdit = NonNullable<BodyOf<'/api/check-ins/{id}', 'put'>>['data'];
export type TodayAnswer = SuccessBody<'/api/check-ins/today', 'get'>;
export type TodayHabit = Item<MetaOf<TodayAnswer>['habits']>;
export type CalendarAnswer = SuccessBody<'/api/check-ins/calendar', 'get'>;
export type CalendarDay = Item<DataOf<CalendarAnswer>>;
export type MakeupAnswer = SuccessBody<'/api/check-ins/makeup', 'post'>;
export type MakeupRules = DataOf<SuccessBody<'/api/check-ins/makeup/rules', 'get'>>;

export type Diary = DataOf<SuccessBody<'/api/diaries/{id}', 'get'>>;
export type DiaryInput = NonNullable<BodyOf<'/api/diaries', 'post'>>['data'];
export type DiaryUpdate = NonNullable<BodyOf<'/api/diaries/{id}', 'put'>>['data'];
export type DiaryListQuery = NonNullable<QueryOf<'/api/diaries', 'get'>>;

export type Task = Item<DataOf<SuccessBody<'/api/tasks', 'get'>>>;
export type TaskInput = NonNullable<BodyOf<'/api/tasks', 'post'>>['data'];
export type TaskCompletion = SuccessBody<'/api/tasks/{id}/complete', 'post'>;

export type PointsBalance = DataOf<SuccessBody<'/api/points/balance', 'get'>>;
export type PointsRecord = Item<DataOf<SuccessBody<'/api/points/records', 'get'>>>;

export type PrizesAnswer = SuccessBody<'/api/lottery/prizes', 'get'>;
export type Prize = Item<DataOf<PrizesAnswer>>;
export type DrawAnswer = SuccessBody<'/api/lottery/draw', 'post'>;
export type DrawRecord = Item<DataOf<SuccessBody<'/api/lottery/records', 'get'>>>;

export type Redemption = DataOf<SuccessBody<'/api/redeem-codes/redeem', 'post'>>;
export type RedemptionRecord = Item<DataOf<SuccessBody<'/api/redeem-codes/history', 'get'>>>;

export type BoardMetric = NonNullable<PathParamsOf<'/api/leaderboards/{metric}', 'get'>>['metric'];
export type BoardQuery = NonNullable<QueryOf<'/api/leaderboards/{metric}', 'get'>>;
export type BoardPlaceQuery = NonNullable<QueryOf<'/api/leaderboards/{metric}/me', 'get'>>;
export type BoardScope = NonNullable<BoardQuery['scope']>;
export type BoardPeriod = NonNullable<BoardQuery['period']>;
export type BoardPage = SuccessBody<'/api/leaderboards/{metric}', 'get'>;
export type BoardEntry = Item<DataOf<BoardPage>>;
export type BoardPlace = SuccessBody<'/api/leaderboards/{metric}/me', 'get'>;
export type MembershipTier = User['membershipTier'];

// Community (/api/community/*): boards, feeds, posts, threaded comments, likes, follows, reports, notifications.
type CommunityFeedAnswer = SuccessBody<'/api/community/boards/{slug}/posts', 'get'>;
export type CommunityBoard = Item<DataOf<SuccessBody<'/api/community/boards', 'get'>>>;
export type FeedQuery = NonNullable<QueryOf<'/api/community/boards/{slug}/posts', 'get'>>;
export type FeedSort = NonNullable<FeedQuery['sort']>;
/** One page of a board's feed, the following feed or my posts: `meta.cursor.next`, `meta.pinned` on a board's first page. */
export type FeedPage = CommunityFeedAnswer;
export type CommunityPost = Item<DataOf<CommunityFeedAnswer>>;
export type PostStatus = CommunityPost['status'];
export type CommunityAuthor = CommunityPost['author'];
export type CommunityImage = CommunityPost['images'][number];
export type PostLink = NonNullable<CommunityPost['link']>;
export type MyPostsQuery = NonNullable<QueryOf<'/api/community/me/posts', 'get'>>;
export type NewPost = NonNullable<BodyOf<'/api/community/posts', 'post'>>;
export type LinkKind = NonNullable<NewPost['link']>['kind'];
export type CreatedPost = SuccessBody<'/api/community/posts', 'post'>;
/** published: visible now; pending: waits for a moderator (or WeChat's check). */
export type Moderation = CreatedPost['meta']['moderation'];
export type UploadedImage = SuccessBody<'/api/community/images', 'post'>;
export type CommentsQuery = NonNullable<QueryOf<'/api/community/posts/{documentId}/comments', 'get'>>;
export type CommentOrder = NonNullable<CommentsQuery['order']>;
export type CommentThread = Item<DataOf<SuccessBody<'/api/community/posts/{documentId}/comments', 'get'>>>;
export type CommunityComment = Item<DataOf<SuccessBody<'/api/community/comments/{documentId}/replies', 'get'>>>;
export type NewComment = NonNullable<BodyOf<'/api/community/posts/{documentId}/comments', 'post'>>;
export type CreatedComment = SuccessBody<'/api/community/posts/{documentId}/comments', 'post'>;
export type LikeState = DataOf<SuccessBody<'/api/community/posts/{documentId}/like', 'put'>>;
export type FollowState = DataOf<SuccessBody<'/api/community/users/{documentId}/follow', 'put'>>;
export type NewReport = NonNullable<BodyOf<'/api/community/reports', 'post'>>;
export type ReportReason = NewReport['reason'];
export type ReportTarget = NewReport['targetType'];
export type CommunityNotification = Item<DataOf<SuccessBody<'/api/community/notifications', 'get'>>>;
export type NotificationKind = CommunityNotification['kind'];
export type UnreadCount = DataOf<SuccessBody<'/api/community/notifications/unread-count', 'get'>>;
/** 403 details of a write: muted (with the end), or the board closed to the caller. */
export type WriteRefusal = NonNullable<ErrorBody<'/api/community/posts', 'post', 403>>['error']['details'];
/** 400 details when WeChat's check judged the text risky (else Strapi's validation details). */
export type PostInvalid = NonNullable<ErrorBody<'/api/community/posts', 'post', 400>>['error']['details'];

// Challenges (/api/challenges/*, /api/me/challenges, /api/me/badges): official ones, user-made ones (VIP) and their invite codes.
type ChallengeListAnswer = SuccessBody<'/api/challenges', 'get'>;
/** A page of challenges: `meta.next` is the cursor of the next page (null on the last). */
export type ChallengeListPage = ChallengeListAnswer;
export type Challenge = Item<DataOf<ChallengeListAnswer>>;
/** A challenge with its rule in readable Chinese (`rules`). */
export type ChallengeDetail = DataOf<SuccessBody<'/api/challenges/{documentId}', 'get'>>;
export type ChallengePhase = Challenge['phase'];
export type ChallengeRule = Challenge['rule'];
/** `me` of a challenge: the caller's participation (null when they never joined). */
export type Participation = DataOf<SuccessBody<'/api/challenges/{documentId}/join', 'post'>>;
export type ParticipationStatus = Participation['status'];
/** What a reward row paid: completion points, the top-K extra, a share of the pooled entries, or the entry back. */
export type RewardKind = Participation['rewards'][number]['kind'];
export type ChallengeBoardPage = SuccessBody<'/api/challenges/{documentId}/board', 'get'>;
export type ChallengeBoardQuery = NonNullable<QueryOf<'/api/challenges/{documentId}/board', 'get'>>;
export type ChallengeBoardEntry = Item<DataOf<ChallengeBoardPage>>;
/** My rank (null when not on the board) and the entries around me. */
export type ChallengeBoardPlace = DataOf<SuccessBody<'/api/challenges/{documentId}/board/me', 'get'>>;
export type MyChallengeStatus = NonNullable<NonNullable<QueryOf<'/api/me/challenges', 'get'>>['status']>;
export type MyChallenges = DataOf<SuccessBody<'/api/me/challenges', 'get'>>;
export type ChallengeBadge = Item<DataOf<SuccessBody<'/api/me/badges', 'get'>>>;
/** POST /api/challenges (VIP): a challenge for friends; dates local to `timezone` (the caller's when left out). */
export type NewChallenge = NonNullable<BodyOf<'/api/challenges', 'post'>>;
/** The challenge just made, with its invite code (shown to the creator only). */
export type CreatedChallenge = DataOf<SuccessBody<'/api/challenges', 'post'>>;
/** 400 details of POST /api/challenges: the field and why (start_in_past, template_not_found, content_risky ...), or zod's `errors`. */
export type NewChallengeProblem = NonNullable<ErrorBody<'/api/challenges', 'post', 400>>['error']['details'];
export type JoinByCodeRequest = NonNullable<BodyOf<'/api/challenges/join-by-code', 'post'>>;

// The mall (/api/mall/*, /api/orders/*, /api/me/listings): catalogue, orders paid with points or WeChat Pay, second-hand listings.
type ProductListAnswer = SuccessBody<'/api/mall/products', 'get'>;
export type MallCategory = Item<DataOf<SuccessBody<'/api/mall/categories', 'get'>>>;
export type MallSubCategory = MallCategory['children'][number];
export type ProductQuery = NonNullable<QueryOf<'/api/mall/products', 'get'>>;
export type ProductSort = NonNullable<ProductQuery['sort']>;
export type PayWith = NonNullable<ProductQuery['payWith']>;
export type ProductKind = NonNullable<ProductQuery['kind']>;
/** A page of products: `meta.nextCursor` (null on the last). */
export type ProductPage = ProductListAnswer;
export type ProductSummary = Item<DataOf<ProductListAnswer>>;
/** One product with its SKUs, shop (with pickup points) or seller. */
export type Product = DataOf<SuccessBody<'/api/mall/products/{documentId}', 'get'>>;
export type Sku = Product['skus'][number];
export type NewOrder = NonNullable<BodyOf<'/api/orders', 'post'>>;
export type OrderAddress = NonNullable<NewOrder['address']>;
/** POST /api/orders 201: the order with its trail; `meta.balance` (points) or `meta.payment` (WeChat Pay). */
export type PlacedOrder = SuccessBody<'/api/orders', 'post'>;
export type Order = DataOf<SuccessBody<'/api/orders/{orderNo}', 'get'>>;
export type OrderSummary = Item<DataOf<SuccessBody<'/api/orders', 'get'>>>;
export type OrderPage = SuccessBody<'/api/orders', 'get'>;
export type OrderStatus = Order['status'];
export type OrderAction = Order['actions'][number];
export type OrderTrailEntry = Order['trail'][number];
export type OrderListStatus = NonNullable<NonNullable<QueryOf<'/api/orders', 'get'>>['status']>;
/** The wx.requestPayment parameters of an unpaid WeChat Pay order. */
export type PaymentParams = DataOf<SuccessBody<'/api/orders/{orderNo}/pay', 'post'>>['payment'];
export type PayAnswer = DataOf<SuccessBody<'/api/orders/{orderNo}/pay', 'post'>>;
/** 400 / 409 details of POST /api/orders: why it was refused (sold_out with `sku`, insufficient_points ...). */
export type OrderRefusal = NonNullable<ErrorBody<'/api/orders', 'post', 409>>['error']['details'];
export type OrderRefusalReason = OrderRefusal['reason'];
/** 409 details of an order action: invalid_transition / after_sales_closed, with the status now. */
export type TransitionRefusal = NonNullable<ErrorBody<'/api/orders/{orderNo}/cancel', 'post', 409>>['error']['details'];
export type NewListing = NonNullable<BodyOf<'/api/mall/listings', 'post'>>;
export type Listing = DataOf<SuccessBody<'/api/mall/listings', 'post'>>;
export type UploadedListingImage = SuccessBody<'/api/mall/listings/images', 'post'>;

// Quit smoking (the quit plugin)
export type QuitProfile = DataOf<SuccessBody<'/api/quit/profile', 'get'>>;
export type QuitProfileRequest = NonNullable<BodyOf<'/api/quit/profile', 'put'>>;
export type QuitReport = DataOf<SuccessBody<'/api/quit/report', 'get'>>;
export type QuitMilestone = Item<QuitReport['milestones']>;
export type Relapse = DataOf<SuccessBody<'/api/quit/relapses', 'post'>>;
export type CravingRequest = NonNullable<BodyOf<'/api/cravings', 'post'>>;
export type Craving = DataOf<SuccessBody<'/api/cravings', 'post'>>;
export type CravingStats = DataOf<SuccessBody<'/api/cravings/stats', 'get'>>;

// The AI coach (the ai-coach plugin)
export type CoachChatRequest = NonNullable<BodyOf<'/api/ai/chat', 'post'>>;
export type CoachChatAnswer = DataOf<SuccessBody<'/api/ai/chat', 'post'>>;
export type CoachTurn = CoachChatAnswer['message'];
export type CoachQuota = DataOf<SuccessBody<'/api/ai/quota', 'get'>>;
export type CoachConversation = Item<DataOf<SuccessBody<'/api/ai/conversations', 'get'>>>;

// Reminders (the reminders plugin): WeChat subscribe-message consent and the reminder settings
export type ReminderSubscriptions = SuccessBody<'/api/reminders/subscriptions', 'get'>;
export type ReminderSubscription = Item<ReminderSubscriptions['data']>;
export type ReminderKind = ReminderSubscription['kind'];
export type ConsentResult = NonNullable<ReminderSubscription['lastResult']>;
export type ConsentRequest = NonNullable<BodyOf<'/api/reminders/subscriptions', 'post'>>;
export type ReminderSettings = DataOf<SuccessBody<'/api/reminders/settings', 'get'>>;
export type ReminderSettingsRequest = NonNullable<BodyOf<'/api/reminders/settings', 'put'>>;
