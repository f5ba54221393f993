/**
 * PROVISIONAL, HAND-WRITTEN until helper "openapi" generates this file with openapi-typescript 7 from
 * the backend's OpenAPI document (`npm run openapi`). It is written in that tool's exact output shape
 * (`paths` -> method -> { parameters, requestBody, responses }) and only for the routes the mini-program
 * calls, typed from the controllers, zod validation modules and services as of main e4682ea.
 * Application code never imports this file directly: it goes through api/paths.ts.
 */

export interface paths {
    "/api/wechat/login": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get?: never;
        put?: never;
        post: {
            parameters: { query?: never; header?: never; path?: never; cookie?: never };
            requestBody: { content: { "application/json": components["schemas"]["LoginRequest"] } };
            responses: {
                200: { headers: { [name: string]: unknown }; content: { "application/json": components["schemas"]["LoginResponse"] } };
                default: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/refresh": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get?: never;
        put?: never;
        post: {
            parameters: { query?: never; header?: never; path?: never; cookie?: never };
            requestBody: { content: { "application/json": components["schemas"]["RefreshRequest"] } };
            responses: {
                200: { headers: { [name: string]: unknown }; content: { "application/json": components["schemas"]["RefreshResponse"] } };
                default: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get?: never;
        put?: never;
        post: {
            parameters: { query?: never; header?: never; path?: never; cookie?: never };
            requestBody: { content: { "application/json": components["schemas"]["RefreshRequest"] } };
            responses: {
                200: { headers: { [name: string]: unknown }; content: { "application/json": { data: { ok: boolean }; meta: Record<string, never> } } };
                default: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/wechat/phone": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get?: never;
        put?: never;
        post: {
            parameters: { query?: never; header?: never; path?: never; cookie?: never };
            requestBody: { content: { "application/json": { code: string } } };
            responses: {
                200: { headers: { [name: string]: unknown }; content: { "application/json": components["schemas"]["UserResponse"] } };
                default: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get: {
            parameters: { query?: never; header?: never; path?: never; cookie?: never };
            requestBody?: never;
            responses: {
                200: { headers: { [name: string]: unknown }; content: { "application/json": components["schemas"]["UserResponse"] } };
                default: components["responses"]["Error"];
            };
        };
        put: {
            parameters: { query?: never; header?: never; path?: never; cookie?: never };
            requestBody: { content: { "application/json": components["schemas"]["ProfileUpdate"] } };
            responses: {
                200: { headers: { [name: string]: unknown }; content: { "application/json": components["schemas"]["UserResponse"] } };
                default: components["responses"]["Error"];
            };
        };
        post?: never;
        delete: {
            parameters: { query?: never; header?: never; path?: never; cookie?: never };
            requestBody?: never;
            responses: {
                200: {
                    headers: { [name: string]: unknown };
                    content: { "application/json": { data: { deletedAt: string; purgeAfter: string }; meta: Record<string, never> } };
                };
                default: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/export": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get: {
            parameters: { query?: never; header?: never; path?: never; cookie?: never };
            requestBody?: never;
            responses: {
                200: { headers: { [name: string]: unknown }; content: { "application/json": components["schemas"]["ExportResponse"] } };
                default: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/stats": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get: {
            parameters: { query?: never; header?: never; path?: never; cookie?: never };
            requestBody?: never;
            responses: {
                200: { headers: { [name: string]: unknown }; content: { "application/json": { data: components["schemas"]["MeStats"]; meta: Record<string, never> } } };
                default: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/habit-templates": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get: {
            parameters: { query?: components["parameters"]["StrapiListQuery"]; header?: never; path?: never; cookie?: never };
            requestBody?: never;
            responses: {
                200: {
                    headers: { [name: string]: unknown };
                    content: { "application/json": { data: components["schemas"]["HabitTemplate"][]; meta: { pagination: components["schemas"]["PagePagination"] } } };
                };
                default: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/habit-templates/{id}": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get: {
            parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
            requestBody?: never;
            responses: {
                200: { headers: { [name: string]: unknown }; content: { "application/json": { data: components["schemas"]["HabitTemplate"]; meta: Record<string, never> } } };
                default: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/habits": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get: {
            parameters: { query?: components["parameters"]["StrapiListQuery"]; header?: never; path?: never; cookie?: never };
            requestBody?: never;
            responses: {
                200: {
                    headers: { [name: string]: unknown };
                    content: { "application/json": { data: components["schemas"]["Habit"][]; meta: { pagination: components["schemas"]["PagePagination"] } } };
                };
                default: components["responses"]["Error"];
            };
        };
        put?: never;
        post: {
            parameters: { query?: never; header?: never; path?: never; cookie?: never };
            requestBody: { content: { "application/json": { data: components["schemas"]["HabitInput"] } } };
            responses: {
                201: { headers: { [name: string]: unknown }; content: { "application/json": { data: components["schemas"]["Habit"]; meta: Record<string, never> } } };
                default: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/habits/{id}": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get: {
            parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
            requestBody?: never;
            responses: {
                200: { headers: { [name: string]: unknown }; content: { "application/json": { data: components["schemas"]["Habit"]; meta: Record<string, never> } } };
                default: components["responses"]["Error"];
            };
        };
        put: {
            parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
            requestBody: { content: { "application/json": { data: components["schemas"]["HabitUpdate"] } } };
            responses: {
                200: { headers: { [name: string]: unknown }; content: { "application/json": { data: components["schemas"]["Habit"]; meta: Record<string, never> } } };
                default: components["responses"]["Error"];
            };
        };
        post?: never;
        delete: {
            parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
            requestBody?: never;
            responses: {
                204: { headers: { [name: string]: unknown }; content?: never };
                default: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/habits/{id}/archive": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get?: never;
        put?: never;
        post: {
            parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
            requestBody?: never;
            responses: {
                200: { headers: { [name: string]: unknown }; content: { "application/json": { data: components["schemas"]["Habit"]; meta: Record<string, never> } } };
                default: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/habits/{id}/restore": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get?: never;
        put?: never;
        post: {
            parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
            requestBody?: never;
            responses: {
                200: { headers: { [name: string]: unknown }; content: { "application/json": { data: components["schemas"]["Habit"]; meta: Record<string, never> } } };
                default: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/habits/{id}/stats": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get: {
            parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
            requestBody?: never;
            responses: {
                200: { headers: { [name: string]: unknown }; content: { "application/json": { data: components["schemas"]["HabitStats"]; meta: Record<string, never> } } };
                default: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/check-ins": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get: {
            parameters: { query?: components["parameters"]["StrapiListQuery"]; header?: never; path?: never; cookie?: never };
            requestBody?: never;
            responses: {
                200: {
                    headers: { [name: string]: unknown };
                    content: { "application/json": { data: components["schemas"]["CheckInEntry"][]; meta: { pagination: components["schemas"]["PagePagination"] } } };
                };
                default: components["responses"]["Error"];
            };
        };
        put?: never;
        post: {
            parameters: { query?: never; header?: { "Idempotency-Key"?: string }; path?: never; cookie?: never };
            requestBody: { content: { "application/json": { data: components["schemas"]["CheckInRequest"] } } };
            responses: {
                201: { headers: { [name: string]: unknown }; content: { "application/json": components["schemas"]["CheckInResponse"] } };
                /** Already checked in that day (details.checkIn), or a past day (details.reason "day_passed"). */
                409: { headers: { [name: string]: unknown }; content: { "application/json": components["schemas"]["CheckInConflict"] } };
                default: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/check-ins/{id}": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get: {
            parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
            requestBody?: never;
            responses: {
                200: { headers: { [name: string]: unknown }; content: { "application/json": { data: components["schemas"]["CheckInEntry"]; meta: Record<string, never> } } };
                default: components["responses"]["Error"];
            };
        };
        put: {
            parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
            requestBody: { content: { "application/json": { data: components["schemas"]["CheckInEdit"] } } };
            responses: {
                200: { headers: { [name: string]: unknown }; content: { "application/json": { data: components["schemas"]["CheckInEntry"]; meta: Record<string, never> } } };
                default: components["responses"]["Error"];
            };
        };
        post?: never;
        delete: {
            parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
            requestBody?: never;
            responses: {
                204: { headers: { [name: string]: unknown }; content?: never };
                default: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/check-ins/today": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get: {
            parameters: { query?: never; header?: never; path?: never; cookie?: never };
            requestBody?: never;
            responses: {
                200: { headers: { [name: string]: unknown }; content: { "application/json": components["schemas"]["TodayResponse"] } };
                default: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/check-ins/calendar": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get: {
            parameters: { query: { month: string }; header?: never; path?: never; cookie?: never };
            requestBody?: never;
            responses: {
                200: { headers: { [name: string]: unknown }; content: { "application/json": components["schemas"]["CalendarResponse"] } };
                default: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/check-ins/makeup": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get?: never;
        put?: never;
        post: {
            parameters: { query?: never; header?: never; path?: never; cookie?: never };
            requestBody: { content: { "application/json": { data: { habit: string; date: string } } } };
            responses: {
                201: { headers: { [name: string]: unknown }; content: { "application/json": components["schemas"]["MakeupResponse"] } };
                409: { headers: { [name: string]: unknown }; content: { "application/json": components["schemas"]["CheckInConflict"] } };
                default: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/check-ins/makeup/rules": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get: {
            parameters: { query?: never; header?: never; path?: never; cookie?: never };
            requestBody?: never;
            responses: {
                200: { headers: { [name: string]: unknown }; content: { "application/json": { data: components["schemas"]["MakeupRules"]; meta: Record<string, never> } } };
                default: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/diaries": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get: {
            parameters: {
                /** page and pageSize are whole numbers written as strings (the route's zod schema reads the query string). */
                query?: { month?: string; page?: string; pageSize?: string } & components["parameters"]["StrapiListQuery"];
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: { [name: string]: unknown };
                    content: { "application/json": { data: components["schemas"]["Diary"][]; meta: { pagination: components["schemas"]["PagePagination"] } } };
                };
                default: components["responses"]["Error"];
            };
        };
        put?: never;
        post: {
            parameters: { query?: never; header?: never; path?: never; cookie?: never };
            requestBody: { content: { "application/json": { data: components["schemas"]["DiaryInput"] } } };
            responses: {
                201: { headers: { [name: string]: unknown }; content: { "application/json": { data: components["schemas"]["Diary"]; meta: Record<string, never> } } };
                default: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/diaries/{id}": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get: {
            parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
            requestBody?: never;
            responses: {
                200: { headers: { [name: string]: unknown }; content: { "application/json": { data: components["schemas"]["Diary"]; meta: Record<string, never> } } };
                default: components["responses"]["Error"];
            };
        };
        put: {
            parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
            requestBody: { content: { "application/json": { data: Omit<components["schemas"]["DiaryInput"], "localDate"> } } };
            responses: {
                200: { headers: { [name: string]: unknown }; content: { "application/json": { data: components["schemas"]["Diary"]; meta: Record<string, never> } } };
                default: components["responses"]["Error"];
            };
        };
        post?: never;
        delete: {
            parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
            requestBody?: never;
            responses: {
                204: { headers: { [name: string]: unknown }; content?: never };
                default: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get: {
            parameters: { query?: { date?: string } & components["parameters"]["StrapiListQuery"]; header?: never; path?: never; cookie?: never };
            requestBody?: never;
            responses: {
                200: {
                    headers: { [name: string]: unknown };
                    content: { "application/json": { data: components["schemas"]["Task"][]; meta: { pagination: components["schemas"]["PagePagination"] } } };
                };
                default: components["responses"]["Error"];
            };
        };
        put?: never;
        post: {
            parameters: { query?: never; header?: never; path?: never; cookie?: never };
            requestBody: { content: { "application/json": { data: components["schemas"]["TaskInput"] } } };
            responses: {
                201: { headers: { [name: string]: unknown }; content: { "application/json": { data: components["schemas"]["Task"]; meta: Record<string, never> } } };
                default: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
            requestBody?: never;
            responses: {
                204: { headers: { [name: string]: unknown }; content?: never };
                default: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/complete": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get?: never;
        put?: never;
        post: {
            parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
            requestBody?: never;
            responses: {
                200: {
                    headers: { [name: string]: unknown };
                    content: { "application/json": { data: components["schemas"]["TaskView"]; meta: { points: { awarded: number; balance: number } } } };
                };
                default: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/points/balance": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get: {
            parameters: { query?: never; header?: never; path?: never; cookie?: never };
            requestBody?: never;
            responses: {
                200: {
                    headers: { [name: string]: unknown };
                    content: { "application/json": { data: { balance: number; earned: number; spent: number }; meta: Record<string, never> } };
                };
                default: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/points/records": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get: {
            parameters: { query?: components["parameters"]["PageQuery"]; header?: never; path?: never; cookie?: never };
            requestBody?: never;
            responses: {
                200: {
                    headers: { [name: string]: unknown };
                    content: { "application/json": { data: components["schemas"]["PointsRecord"][]; meta: { pagination: components["schemas"]["PagePagination"] } } };
                };
                default: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/lottery/prizes": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get: {
            parameters: { query?: never; header?: never; path?: never; cookie?: never };
            requestBody?: never;
            responses: {
                200: { headers: { [name: string]: unknown }; content: { "application/json": components["schemas"]["PrizesResponse"] } };
                default: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/lottery/draw": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get?: never;
        put?: never;
        post: {
            parameters: { query?: never; header?: { "Idempotency-Key"?: string }; path?: never; cookie?: never };
            requestBody?: { content: { "application/json": { data?: { idempotencyKey?: string } } } };
            responses: {
                201: { headers: { [name: string]: unknown }; content: { "application/json": components["schemas"]["DrawResponse"] } };
                default: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/lottery/records": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get: {
            parameters: { query?: components["parameters"]["PageQuery"]; header?: never; path?: never; cookie?: never };
            requestBody?: never;
            responses: {
                200: {
                    headers: { [name: string]: unknown };
                    content: { "application/json": { data: components["schemas"]["DrawRecord"][]; meta: { pagination: components["schemas"]["PagePagination"] } } };
                };
                default: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/redeem-codes/redeem": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get?: never;
        put?: never;
        post: {
            parameters: { query?: never; header?: never; path?: never; cookie?: never };
            requestBody: { content: { "application/json": { code: string } } };
            responses: {
                200: { headers: { [name: string]: unknown }; content: { "application/json": { data: components["schemas"]["Redemption"] } } };
                default: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/redeem-codes/history": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get: {
            parameters: { query?: components["parameters"]["PageQuery"]; header?: never; path?: never; cookie?: never };
            requestBody?: never;
            responses: {
                200: {
                    headers: { [name: string]: unknown };
                    content: { "application/json": { data: components["schemas"]["RedemptionRecord"][]; meta: { pagination: components["schemas"]["PagePagination"] } } };
                };
                default: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/leaderboards/{metric}": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get: {
            parameters: {
                query?: components["parameters"]["BoardQuery"] & { limit?: number; offset?: number };
                header?: never;
                path: { metric: components["schemas"]["BoardMetric"] };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: { headers: { [name: string]: unknown }; content: { "application/json": components["schemas"]["BoardPageResponse"] } };
                /** The board needs a membership (details.reason "membership_required"). */
                403: { headers: { [name: string]: unknown }; content: { "application/json": components["schemas"]["MembershipRequired"] } };
                default: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/leaderboards/{metric}/me": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get: {
            parameters: {
                query?: components["parameters"]["BoardQuery"] & { around?: number };
                header?: never;
                path: { metric: components["schemas"]["BoardMetric"] };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: { headers: { [name: string]: unknown }; content: { "application/json": components["schemas"]["BoardPlaceResponse"] } };
                403: { headers: { [name: string]: unknown }; content: { "application/json": components["schemas"]["MembershipRequired"] } };
                default: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** Strapi's error envelope. */
        Error: {
            data: null;
            error: { status: number; name: string; message: string; details?: { [key: string]: unknown } };
        };
        PagePagination: { page: number; pageSize: number; pageCount: number; total: number };
        Weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7;
        FrequencyType: "daily" | "timesPerWeek" | "weekdays" | "everyNDays";
        HabitCategory: "health" | "sport" | "study" | "mind" | "life" | "work" | "quit";
        MembershipTier: "free" | "vip" | "ai";
        SmokingSettings: { cigarettesPerDay: number; pricePerPack: number; cigarettesPerPack: number };
        User: {
            id: number;
            documentId: string;
            nickname: string | null;
            avatar: string | null;
            timezone: string;
            dayStartHour: number;
            province: string | null;
            city: string | null;
            district: string | null;
            showInRanking: boolean;
            membershipTier: components["schemas"]["MembershipTier"];
            membershipExpiresAt: string | null;
            pointsBalance: number;
            makeupCards: number;
            phoneMasked: string | null;
            smokingSettings: components["schemas"]["SmokingSettings"] | null;
            totalCheckInDays: number;
            consecutiveDays: number;
            lastCheckInDate: string | null;
            lastLoginAt: string | null;
            createdAt: string;
        };
        UserResponse: { data: components["schemas"]["User"]; meta: Record<string, never> };
        LoginRequest: { code: string; nickname?: string; avatar?: string };
        LoginResponse: {
            data: { jwt: string; refreshToken: string; user: components["schemas"]["User"] };
            meta: { ignored?: "nickname"[] };
        };
        RefreshRequest: { refreshToken: string };
        RefreshResponse: { data: { jwt: string; refreshToken: string }; meta: Record<string, never> };
        ProfileUpdate: {
            nickname?: string;
            avatar?: string;
            timezone?: string;
            dayStartHour?: number;
            province?: string | null;
            city?: string | null;
            district?: string | null;
            showInRanking?: boolean;
            smokingSettings?: components["schemas"]["SmokingSettings"] | null;
        };
        ExportResponse: {
            data: { profile: components["schemas"]["User"]; records: { [pluralName: string]: { [key: string]: unknown }[] }; exportedAt: string };
            meta: Record<string, never>;
        };
        Rank: { key: string; name: string; stars: number; minDays: number; maxDays: number | null; nextAt: number | null };
        DayCount: { date: string; count: number };
        MeStats: {
            localDate: string;
            totalDays: number;
            totalCheckIns: number;
            consecutiveDays: number;
            longestStreakDays: number;
            rank: components["schemas"]["Rank"];
            last7Days: components["schemas"]["DayCount"][];
            completionRate: number;
            habits: { active: number; archived: number };
            pointsBalance: number;
            makeupCards: number;
            diaries: { consecutiveDays: number; totalDays: number };
        };
        HabitTemplate: {
            id: number;
            documentId: string;
            title: string;
            description: string | null;
            category: components["schemas"]["HabitCategory"];
            kind: "build" | "quit";
            icon: string | null;
            color: string | null;
            frequencyType: components["schemas"]["FrequencyType"];
            timesPerWeek: number | null;
            weekdays: components["schemas"]["Weekday"][] | null;
            intervalDays: number | null;
            goalType: "none" | "count" | "duration";
            goalValue: number | null;
            goalUnit: string | null;
            reminderTimes: string[] | null;
            tags: string[] | null;
            sortOrder: number | null;
            active: boolean;
            createdAt: string;
            updatedAt: string;
            publishedAt?: string | null;
        };
        Habit: {
            id: number;
            documentId: string;
            title: string;
            description: string | null;
            category: components["schemas"]["HabitCategory"];
            kind: "build" | "quit";
            icon: string | null;
            color: string | null;
            frequencyType: components["schemas"]["FrequencyType"];
            timesPerWeek: number | null;
            weekdays: components["schemas"]["Weekday"][] | null;
            intervalDays: number | null;
            goalType: "none" | "count" | "duration";
            goalValue: number | null;
            goalUnit: string | null;
            reminderEnabled: boolean | null;
            reminderTimes: string[] | null;
            startDate: string | null;
            endDate: string | null;
            archived: boolean;
            archivedAt: string | null;
            sortOrder: number | null;
            createdAt: string;
            updatedAt: string;
            publishedAt?: string | null;
        };
        HabitInput: {
            /** documentId of an active habit template: its fields are copied unless sent. */
            template?: string;
            title?: string;
            description?: string | null;
            category?: components["schemas"]["HabitCategory"];
            kind?: "build" | "quit";
            icon?: string | null;
            color?: string | null;
            frequencyType?: components["schemas"]["FrequencyType"];
            timesPerWeek?: number | null;
            weekdays?: components["schemas"]["Weekday"][] | null;
            intervalDays?: number | null;
            goalType?: "none" | "count" | "duration";
            goalValue?: number | null;
            goalUnit?: string | null;
            reminderEnabled?: boolean;
            reminderTimes?: string[] | null;
            startDate?: string | null;
            endDate?: string | null;
            sortOrder?: number;
        };
        HabitUpdate: Omit<components["schemas"]["HabitInput"], "template"> & { archived?: boolean };
        Streak: { current: number; longest: number; unit: "days" | "weeks" | "periods" };
        HealthMilestone: { key: string; title: string; afterHours: number; achieved: boolean; hoursRemaining: number };
        HabitStats: {
            habit: { documentId: string; title: string; kind: "build" | "quit"; startDate: string };
            streak: components["schemas"]["Streak"];
            completionRate: number;
            totalCheckIns: number;
            strength: { current: number; series: { date: string; score: number }[] };
            heatmap: components["schemas"]["DayCount"][];
            bestStreaks: { start: string; end: string; days: number }[];
            quit:
                | ({
                      daysSmokeFree: number;
                      cigarettesAvoided?: number;
                      moneySaved?: number;
                      equivalent?: { name: string; count: number; unit: string };
                      settingsMissing?: boolean;
                      milestones: components["schemas"]["HealthMilestone"][];
                  })
                | null;
        };
        /** A check-in as the check-in service answers it. */
        CheckIn: {
            id: number;
            documentId: string;
            localDate: string;
            checkedAt: string | null;
            isMakeup: boolean;
            madeUpOn: string | null;
            mood: number | null;
            note: string | null;
            images: string[] | null;
            duration: number | null;
            count: number | null;
            pointsAwarded: number;
            habit: { documentId: string; title: string };
        };
        /** A check-in as Strapi's generic list / findOne / update answer it. */
        CheckInEntry: {
            id: number;
            documentId: string;
            localDate: string;
            checkedAt: string | null;
            isMakeup: boolean;
            madeUpOn: string | null;
            mood: number | null;
            note: string | null;
            images: string[] | null;
            duration: number | null;
            count: number | null;
            pointsAwarded: number;
            createdAt: string;
            updatedAt: string;
            publishedAt?: string | null;
        };
        CheckInRequest: {
            habit: string;
            note?: string;
            mood?: number;
            images?: string[];
            duration?: number;
            count?: number;
            idempotencyKey?: string;
            /** The local day the user tapped (offline queues); an earlier day than today is refused with 409 day_passed. */
            localDate?: string;
        };
        CheckInEdit: { note?: string | null; mood?: number | null; images?: string[] | null; duration?: number | null; count?: number | null };
        PointPart: { reason: "check-in" | "streak-bonus"; amount: number; every?: number };
        CheckInResponse: {
            data: components["schemas"]["CheckIn"];
            meta: {
                streak: components["schemas"]["Streak"];
                points: { awarded: number; parts: components["schemas"]["PointPart"][]; balance: number };
                user: {
                    totalDays: number;
                    consecutiveDays: number;
                    makeupCards: number;
                    makeupCardsEarned: number;
                    rank: components["schemas"]["Rank"];
                };
            };
        };
        MakeupResponse: {
            data: components["schemas"]["CheckIn"];
            meta: {
                streak: components["schemas"]["Streak"];
                points: { awarded: number; balance: number };
                user: { totalDays: number; consecutiveDays: number; lastCheckInDate: string | null; makeupCards: number; rank: components["schemas"]["Rank"] };
            };
        };
        CheckInConflict: {
            data: null;
            error: {
                status: 409;
                name: string;
                message: string;
                details: {
                    /** "already_checked_in" (with checkIn), or "day_passed": the day the check-in was made for is over. */
                    reason?: string;
                    /** The check-in already stored for that day. */
                    checkIn?: components["schemas"]["CheckIn"];
                    /** day_passed: the day tapped, the user's today, and what a makeup could do. */
                    date?: string;
                    today?: string;
                    habit?: { documentId: string; title: string };
                    makeup?: {
                        possible: boolean;
                        blockedBy: string | null;
                        withinWindow: boolean;
                        lastDay: string;
                        windowDays: number;
                        cardsLeft: number;
                        makeupsPerDay: number;
                        makeupsLeftToday: number;
                    };
                };
            };
        };
        TodayResponse: {
            data: components["schemas"]["CheckIn"][];
            meta: {
                localDate: string;
                habits: {
                    documentId: string;
                    title: string;
                    kind: "build" | "quit";
                    checkedIn: boolean;
                    /** The habit's current streak (api-fixes). */
                    streak?: components["schemas"]["Streak"];
                }[];
                progress?: { done: number; total: number };
                user?: { pointsBalance: number; makeupCards: number };
            };
        };
        CalendarResponse: {
            data: { date: string; checkIns: { documentId: string; isMakeup: boolean; habit: { documentId: string; title: string } }[] }[];
            meta: { month: string; from: string; to: string; makeup?: components["schemas"]["MakeupRules"] };
        };
        MakeupRules: {
            windowDays: number;
            earliestDate: string;
            latestDate: string;
            perDay: number;
            usedToday: number;
            leftToday: number;
            cardsLeft: number;
            cardCost: number;
            awardsPoints: boolean;
            earning: { everyConsecutiveDays: number; startingCards: number | null; otherSources: string[] };
            localDate: string;
        };
        DiaryMood: "happy" | "excited" | "calm" | "tired" | "sad" | "angry" | "anxious";
        DiaryWeather: "sunny" | "cloudy" | "overcast" | "rainy" | "snowy" | "windy" | "foggy";
        Diary: {
            id: number;
            documentId: string;
            localDate: string;
            title: string | null;
            content: string | null;
            mood: components["schemas"]["DiaryMood"] | null;
            weather: components["schemas"]["DiaryWeather"] | null;
            tags: string[] | null;
            images: string[] | null;
            isDraft: boolean;
            aiComment: string | null;
            pointsAwarded: number;
            createdAt: string;
            updatedAt: string;
            publishedAt?: string | null;
        };
        DiaryInput: {
            content?: string;
            title?: string | null;
            mood?: components["schemas"]["DiaryMood"] | null;
            weather?: components["schemas"]["DiaryWeather"] | null;
            tags?: string[] | null;
            images?: string[] | null;
            isDraft?: boolean;
            localDate?: string;
        };
        TaskCategory: "daily" | "study" | "sport" | "life" | "reading" | "kindness";
        Task: {
            id: number;
            documentId: string;
            localDate: string;
            title: string;
            description: string | null;
            category: components["schemas"]["TaskCategory"];
            points: number;
            isSystem: boolean;
            completed: boolean;
            completedAt: string | null;
            createdAt: string;
            updatedAt: string;
            publishedAt?: string | null;
        };
        TaskView: {
            id: number;
            documentId: string;
            localDate: string;
            title: string;
            description: string | null;
            category: components["schemas"]["TaskCategory"];
            points: number;
            isSystem: boolean;
            completed: boolean;
            completedAt: string | null;
        };
        TaskInput: { title: string; description?: string | null; category?: components["schemas"]["TaskCategory"] };
        PointsRecord: {
            id: number;
            amount: number;
            balanceAfter: number;
            reason: string;
            sourceType: string | null;
            sourceId: string | null;
            note: string | null;
            createdAt: string;
        };
        PrizeKind: "virtual" | "physical" | "points" | "makeupCard" | "vipDays";
        Prize: {
            documentId: string;
            name: string;
            description: string | null;
            kind: components["schemas"]["PrizeKind"];
            amount: number | null;
            weight: number;
            stock: number;
            available: boolean;
        };
        PrizesResponse: {
            data: components["schemas"]["Prize"][];
            meta: { cost: number; drawsPerDay: number; drawsLeftToday: number; noPrize: string };
        };
        DrawResponse: {
            data: {
                documentId: string;
                isWinner: boolean;
                prize: { documentId: string; name: string; kind: components["schemas"]["PrizeKind"]; amount: number | null } | null;
                prizeName: string;
                cost: number;
                localDate: string;
            };
            meta: {
                balance: number;
                drawsLeftToday: number;
                membership?: { before?: string; after?: string; expiresAt?: string | null; kept?: string };
            };
        };
        DrawRecord: {
            documentId: string;
            isWinner: boolean;
            prizeName: string;
            prize: { documentId: string; kind: components["schemas"]["PrizeKind"] | null; amount: number | null } | null;
            cost: number;
            localDate: string;
            createdAt: string | null;
        };
        RedeemKind: "vipDays" | "aiDays" | "makeupCards" | "points";
        Redemption: {
            documentId: string;
            kind: components["schemas"]["RedeemKind"];
            amount: number;
            result: { [key: string]: unknown };
            redeemedAt: string;
        };
        RedemptionRecord: {
            documentId: string;
            kind: components["schemas"]["RedeemKind"];
            amount: number;
            result: { [key: string]: unknown } | null;
            redeemedAt: string | null;
        };
        BoardMetric: "total-days" | "consecutive-days" | "points-earned";
        BoardScope: "national" | "province" | "city" | "district" | "challenge";
        BoardPeriod: "all" | "week" | "month";
        BoardEntry: { rank: number; nickname: string | null; avatar: string | null; score: number; reachedAt: string; isMe: boolean };
        BoardMeta: {
            metric: components["schemas"]["BoardMetric"];
            scope: components["schemas"]["BoardScope"];
            region: string | null;
            period: { kind: components["schemas"]["BoardPeriod"]; id: string; startsOn: string | null; endsOn: string | null };
        };
        BoardPageResponse: {
            data: components["schemas"]["BoardEntry"][];
            meta: { board: components["schemas"]["BoardMeta"]; pagination: { limit: number; offset: number; total: number } };
        };
        BoardPlaceResponse: {
            data: {
                rank: number | null;
                score: number;
                reachedAt: string | null;
                total: number;
                percentile: number | null;
                above: components["schemas"]["BoardEntry"][];
                below: components["schemas"]["BoardEntry"][];
            };
            meta: { board: components["schemas"]["BoardMeta"] };
        };
        MembershipRequired: {
            data: null;
            error: {
                status: 403;
                name: string;
                message: string;
                details: { reason: "membership_required"; scope: components["schemas"]["BoardScope"]; required: components["schemas"]["MembershipTier"][]; current: components["schemas"]["MembershipTier"] };
            };
        };
    };
    responses: {
        /** Any failure: Strapi's envelope. */
        Error: { headers: { [name: string]: unknown }; content: { "application/json": components["schemas"]["Error"] } };
    };
    parameters: {
        /** Strapi's list parameters (filters travel as qs brackets: filters[field][$eq]=x). */
        StrapiListQuery: {
            sort?: string;
            "pagination[withCount]"?: boolean;
            "pagination[page]"?: number;
            "pagination[pageSize]"?: number;
            "pagination[start]"?: number;
            "pagination[limit]"?: number;
            fields?: string;
            filters?: { [key: string]: unknown };
            locale?: string;
        };
        PageQuery: { page?: number; pageSize?: number };
        BoardQuery: { scope?: components["schemas"]["BoardScope"]; region?: string; period?: components["schemas"]["BoardPeriod"] };
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
