import points from './points';
import stats from './stats';

export default { points, stats };
