import { Alert, Badge, Box, Button, EmptyStateLayout, Flex, Loader, Typography } from '@strapi/design-system';
import { ArrowClockwise, WarningCircle } from '@strapi/icons';
import {
  Layouts,
  Page,
  useDebounce,
  useFetchClient,
  useNotification,
  useRBAC,
} from '@strapi/strapi/admin';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  type BoardChoice,
  type BoardMeta,
  type Entry,
  type Overview,
  TOP,
  describeError,
  describeLastRebuild,
  describePeriod,
  entriesQuery,
  formatCount,
  formatInstant,
  initialChoice,
} from '../board';
import { BoardPicker } from '../components/BoardPicker';
import { EntriesTable } from '../components/EntriesTable';
import { PERMISSIONS } from '../permissions';

const POLL_MS = 2000;
/** Typing a challenge id should not fetch a board per keystroke. */
const CHOICE_SETTLE_MS = 300;

type Board = { entries: Entry[]; meta: BoardMeta };

const Section = ({ children }: { children: ReactNode }) => (
  <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
    {children}
  </Box>
);

const Leaderboards = () => {
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const {
    allowedActions: { canRebuild },
  } = useRBAC(PERMISSIONS.rebuild);

  const [overview, setOverview] = useState<Overview | null>(null);
  const [overviewError, setOverviewError] = useState<string | null>(null);
  const [choice, setChoice] = useState<BoardChoice | null>(null);
  const [board, setBoard] = useState<Board | null>(null);
  const [boardError, setBoardError] = useState<string | null>(null);
  const [loadingBoard, setLoadingBoard] = useState(false);
  const [starting, setStarting] = useState(false);
  const [boardVersion, setBoardVersion] = useState(0);

  const loadOverview = useCallback(async () => {
    try {
      const { data } = await get<{ data: Overview }>('/leaderboard/overview');
      setOverview(data.data);
      setOverviewError(null);
      setChoice((current) => current ?? initialChoice(data.data));
    } catch (error) {
      setOverviewError(describeError(error));
    }
  }, [get]);

  useEffect(() => {
    void loadOverview();
  }, [loadOverview]);

  /** The rebuild status alone (what polling needs; the overview also scans the users for regions). */
  const loadRebuild = useCallback(async () => {
    try {
      const { data } = await get<{ data: Overview['rebuild'] }>('/leaderboard/rebuild');
      setOverview((current) => current && { ...current, rebuild: data.data });
    } catch (error) {
      setOverviewError(describeError(error));
    }
  }, [get]);

  // While a rebuild runs, poll its status; when it ends, fetch the board again.
  const running = overview?.rebuild.running ?? false;
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(() => void loadRebuild(), POLL_MS);
    return () => clearInterval(timer);
  }, [running, loadRebuild]);

  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current && !running) setBoardVersion((version) => version + 1);
    wasRunning.current = running;
  }, [running]);

  const settledChoice = useDebounce(choice, CHOICE_SETTLE_MS);
  const query = useMemo(() => (settledChoice ? entriesQuery(settledChoice) : null), [settledChoice]);

  useEffect(() => {
    if (!query) {
      setBoard(null);
      setBoardError(null);
      return undefined;
    }
    // A slower answer for an earlier choice must not overwrite the board now picked.
    let current = true;
    setLoadingBoard(true);
    get<{ data: Entry[]; meta: BoardMeta }>('/leaderboard/entries', { params: query })
      .then(({ data }) => {
        if (!current) return;
        setBoard({ entries: data.data, meta: data.meta });
        setBoardError(null);
      })
      .catch((error: unknown) => {
        if (!current) return;
        setBoard(null);
        setBoardError(describeError(error));
      })
      .finally(() => {
        if (current) setLoadingBoard(false);
      });
    return () => {
      current = false;
    };
  }, [get, query, boardVersion]);

  const rebuild = async () => {
    setStarting(true);
    try {
      await post('/leaderboard/rebuild');
      toggleNotification({ type: 'success', message: 'Rebuild started (已开始重建)' });
      // Running from here on: polling starts, and the board is fetched again once an overview says it
      // is over (at once, if the run was quick enough to be over already).
      setOverview((current) => current && { ...current, rebuild: { ...current.rebuild, running: true } });
      void loadRebuild();
    } catch (error) {
      // 409: one is already running; the status shows it and polling follows it.
      toggleNotification({ type: 'danger', message: describeError(error) });
      void loadRebuild();
    } finally {
      setStarting(false);
    }
  };

  if (!overview && !overviewError) return <Page.Loading />;

  return (
    <Page.Main>
      <Page.Title>Leaderboards</Page.Title>
      <Layouts.Header
        title="Leaderboards 排行榜"
        subtitle={`The top ${TOP} of each board (每个榜单前 ${TOP} 名)`}
        primaryAction={
          overview && (
            <Button
              startIcon={<ArrowClockwise />}
              onClick={rebuild}
              loading={starting}
              disabled={!canRebuild || running}
              title={canRebuild ? undefined : 'You do not have the rebuild permission (无重建权限)'}
            >
              {running ? 'Rebuilding… (重建中)' : 'Rebuild now (立即重建)'}
            </Button>
          )
        }
      />
      <Layouts.Content>
        {!overview ? (
          <EmptyStateLayout
            icon={<WarningCircle width="6rem" height="6rem" fill="danger600" />}
            content={`Could not load the leaderboards (无法加载排行榜): ${overviewError}`}
            action={
              <Button variant="secondary" onClick={() => void loadOverview()}>
                Retry (重试)
              </Button>
            }
          />
        ) : (
          <Flex direction="column" alignItems="stretch" gap={4}>
            {overviewError && (
              <Alert
                variant="warning"
                closeLabel="Close"
                title="Status may be stale (状态可能已过期)"
                onClose={() => setOverviewError(null)}
              >
                {overviewError}
              </Alert>
            )}
            <Section>
              <Flex gap={6} wrap="wrap">
                <Flex gap={2}>
                  <Typography variant="sigma" textColor="neutral600">
                    Backend (存储)
                  </Typography>
                  <Badge>{overview.backend}</Badge>
                </Flex>
                <Flex gap={2}>
                  <Typography variant="sigma" textColor="neutral600">
                    Last rebuilt (上次重建)
                  </Typography>
                  <Typography textColor="neutral800">{describeLastRebuild(overview.rebuild.last)}</Typography>
                </Flex>
                {running && (
                  <Flex gap={2}>
                    <Loader small>Rebuilding</Loader>
                    <Badge variant="warning">Rebuilding… (重建中)</Badge>
                    {overview.rebuild.current?.startedAt && (
                      <Typography textColor="neutral600">
                        since {formatInstant(overview.rebuild.current.startedAt)} ({overview.rebuild.current.trigger})
                      </Typography>
                    )}
                  </Flex>
                )}
              </Flex>
            </Section>
            <Section>
              {choice && <BoardPicker overview={overview} choice={choice} onChange={setChoice} />}
            </Section>
            {boardError ? (
              <EmptyStateLayout
                icon={<WarningCircle width="6rem" height="6rem" fill="danger600" />}
                content={`Could not load this board (无法加载榜单): ${boardError}`}
                action={
                  <Button variant="secondary" onClick={() => setBoardVersion((version) => version + 1)}>
                    Retry (重试)
                  </Button>
                }
              />
            ) : !query ? (
              <EmptyStateLayout content="Pick a region or type a challenge id to see its board (请选择地区或输入挑战 ID)" />
            ) : loadingBoard && !board ? (
              <Page.Loading />
            ) : board && board.entries.length > 0 ? (
              <Flex direction="column" alignItems="stretch" gap={2}>
                <Typography textColor="neutral600">
                  {describePeriod(board.meta.board.period)} · {formatCount(board.meta.total)} users on this board
                  (上榜人数) · showing the top {board.entries.length}
                </Typography>
                <EntriesTable entries={board.entries} />
              </Flex>
            ) : (
              <EmptyStateLayout content="Nobody is on this board yet (榜单暂无数据)" />
            )}
          </Flex>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};

const LeaderboardPage = () => (
  <Page.Protect permissions={PERMISSIONS.read}>
    <Leaderboards />
  </Page.Protect>
);

export default LeaderboardPage;
