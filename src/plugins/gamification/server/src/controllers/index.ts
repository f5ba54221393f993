import lottery from './lottery';
import points from './points';
import redeemBatches from './redeem-batches';
import redeemCodes from './redeem-codes';
import stats from './stats';

export default { lottery, points, 'redeem-batches': redeemBatches, 'redeem-codes': redeemCodes, stats };
