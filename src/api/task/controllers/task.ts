import { scopedController } from '../../../utils/scoped-controller';
import { localDayFor } from '../../../utils/clock';

export default scopedController('api::task.task', {
  label: 'Task',
  // Points, completion and system tasks come from the task service, not from the client.
  readOnlyFields: ['template', 'points', 'isSystem', 'completed', 'completedAt', 'localDate'],
  onCreate: (data, { user }) => ({ ...data, localDate: localDayFor(user, new Date()), isSystem: false, points: 0 }),
});
