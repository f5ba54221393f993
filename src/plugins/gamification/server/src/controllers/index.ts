import lottery from './lottery';
import points from './points';
import stats from './stats';

export default { lottery, points, stats };
