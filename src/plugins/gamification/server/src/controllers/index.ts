import points from './points';

export default { points };
