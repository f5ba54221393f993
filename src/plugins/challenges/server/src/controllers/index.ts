import boards from './boards';
import challenges from './challenges';
import userChallenges from './user-challenges';

export default { challenges, userChallenges, boards };
