import { scopedController } from '../../../utils/scoped-controller';
import { localDayFor } from '../../../utils/clock';
import { ValidationError } from '../../../utils/errors';

export default scopedController('api::check-in.check-in', {
  label: 'Check-in',
  // The day is the server's to decide (from the user's timezone), never the client's.
  readOnlyFields: ['localDate', 'checkedAt', 'isMakeup', 'pointsAwarded', 'idempotencyKey'],
  createOnlyFields: ['habit'],
  ownedRelations: { habit: 'api::habit.habit' },
  conflictMessage: 'This habit is already checked in for today',
  onCreate: (data, { user }) => {
    if (!data.habit) throw new ValidationError('habit is required: the documentId of one of your habits', { field: 'habit' });
    const now = new Date();
    return { ...data, localDate: localDayFor(user, now), checkedAt: now.toISOString(), isMakeup: false, pointsAwarded: 0 };
  },
});
