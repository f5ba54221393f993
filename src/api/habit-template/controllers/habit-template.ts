import { catalogueController } from '../../../utils/scoped-controller';

/** Public catalogue: everyone reads active records; editors manage them in the admin panel. */
export default catalogueController('api::habit-template.habit-template', 'Habit template');
