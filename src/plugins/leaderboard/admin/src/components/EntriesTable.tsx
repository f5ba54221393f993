import { Avatar, Table, Tbody, Td, Th, Thead, Tr, Typography, VisuallyHidden } from '@strapi/design-system';
import { type Entry, formatCount, formatInstant } from '../board';

const AVATAR = 'Avatar (头像)';
const COLUMNS = ['Rank (排名)', AVATAR, 'Nickname (昵称)', 'User ID', 'Score (分数)', 'Reached at (达成时间)'];

/** The top of one board: who holds each rank, with the score and when it was reached (the tie-break). */
export const EntriesTable = ({ entries }: { entries: Entry[] }) => (
  <Table colCount={COLUMNS.length} rowCount={entries.length + 1}>
    <Thead>
      <Tr>
        {COLUMNS.map((column) => (
          <Th key={column}>
            {column === AVATAR ? (
              <VisuallyHidden>{column}</VisuallyHidden>
            ) : (
              <Typography variant="sigma" textColor="neutral600">
                {column}
              </Typography>
            )}
          </Th>
        ))}
      </Tr>
    </Thead>
    <Tbody>
      {entries.map((entry) => (
        <Tr key={`${entry.rank}-${entry.userId}`}>
          <Td>
            <Typography fontWeight="bold">{entry.rank}</Typography>
          </Td>
          <Td>
            <Avatar.Item
              src={entry.avatar ?? undefined}
              alt=""
              fallback={(entry.nickname ?? '?').slice(0, 1).toUpperCase()}
              delayMs={0}
            />
          </Td>
          <Td>
            {entry.nickname ? (
              <Typography textColor="neutral800">{entry.nickname}</Typography>
            ) : (
              <Typography textColor="neutral500">(no nickname 无昵称)</Typography>
            )}
          </Td>
          <Td>
            <Typography textColor="neutral800">{entry.userId}</Typography>
          </Td>
          <Td>
            <Typography textColor="neutral800">{formatCount(entry.score)}</Typography>
          </Td>
          <Td>
            <Typography textColor="neutral800">{formatInstant(entry.reachedAt)}</Typography>
          </Td>
        </Tr>
      ))}
    </Tbody>
  </Table>
);
