import { scopedController } from '../../../utils/scoped-controller';
import { localDayFor } from '../../../utils/clock';
import { ValidationError } from '../../../utils/errors';

export default scopedController('api::diary.diary', {
  label: 'Diary',
  readOnlyFields: ['aiComment', 'pointsAwarded'],
  createOnlyFields: ['localDate'],
  conflictMessage: 'You already have a diary for this date; edit it instead',
  onCreate: (data, { user }) => {
    const today = localDayFor(user, new Date());
    const localDate = typeof data.localDate === 'string' ? data.localDate : today;
    // YYYY-MM-DD strings compare in calendar order.
    if (localDate > today) throw new ValidationError('A diary cannot be written for a future date', { field: 'localDate' });
    return { ...data, localDate };
  },
});
