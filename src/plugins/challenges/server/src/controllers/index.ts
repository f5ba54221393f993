import boards from './boards';
import challenges from './challenges';
import moderation from './moderation';
import userChallenges from './user-challenges';

export default { challenges, userChallenges, boards, moderation };
