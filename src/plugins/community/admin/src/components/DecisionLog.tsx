import { Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { type Decision, ACTION_LABELS, SOURCE_LABELS, formatInstant } from '../moderation';

const COLUMNS = ['When 时间', 'Who 操作者', 'What 操作', 'Target 对象', 'Status 状态', 'Why 原因'];

/** The audit trail, newest first: every decision by moderators, WeChat's image check and reports. Read-only. */
export const DecisionLog = ({ decisions }: { decisions: Decision[] }) => (
  <Table colCount={COLUMNS.length} rowCount={decisions.length + 1}>
    <Thead>
      <Tr>
        {COLUMNS.map((column) => (
          <Th key={column}>
            <Typography variant="sigma" textColor="neutral600">
              {column}
            </Typography>
          </Th>
        ))}
      </Tr>
    </Thead>
    <Tbody>
      {decisions.map((decision) => (
        <Tr key={decision.id}>
          <Td>
            <Typography textColor="neutral800">{formatInstant(decision.createdAt)}</Typography>
          </Td>
          <Td>
            <Typography textColor="neutral800">{decision.moderatorName ?? SOURCE_LABELS[decision.source]}</Typography>
          </Td>
          <Td>
            <Typography textColor="neutral800">{ACTION_LABELS[decision.action] ?? decision.action}</Typography>
          </Td>
          <Td>
            <Typography textColor="neutral800">
              {decision.targetType} #{decision.targetId}
            </Typography>
          </Td>
          <Td>
            <Typography textColor="neutral600">
              {decision.fromStatus ?? '—'} → {decision.toStatus ?? '—'}
            </Typography>
          </Td>
          <Td>
            <Typography textColor="neutral800" style={{ whiteSpace: 'pre-wrap' }}>
              {decision.note ?? ''}
            </Typography>
          </Td>
        </Tr>
      ))}
    </Tbody>
  </Table>
);
