import lottery from './lottery';
import points from './points';
import redeemCodes from './redeem-codes';
import stats from './stats';

export default { lottery, points, 'redeem-codes': redeemCodes, stats };
