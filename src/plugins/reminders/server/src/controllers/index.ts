import admin from './admin';
import reminders from './reminders';

export default { reminders, admin };
