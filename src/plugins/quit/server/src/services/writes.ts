/** The quit writes' idempotent transaction: gamification's, shared with every plugin's idempotent route. */
export { idempotentWrite } from '../../../../gamification/public';
