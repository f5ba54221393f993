import challenges from './challenges';

export default { challenges };
