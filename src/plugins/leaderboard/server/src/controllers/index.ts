import admin from './admin';
import leaderboards from './leaderboards';

export default { admin, leaderboards };
