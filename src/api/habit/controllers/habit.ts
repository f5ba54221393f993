import { scopedController } from '../../../utils/scoped-controller';

export default scopedController('api::habit.habit', {
  label: 'Habit',
  readOnlyFields: ['archivedAt'],
});
