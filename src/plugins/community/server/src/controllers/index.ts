import boards from './boards';
import comments from './comments';
import follows from './follows';
import likes from './likes';
import moderation from './moderation';
import notifications from './notifications';
import posts from './posts';
import reports from './reports';

export default { boards, posts, likes, comments, follows, reports, notifications, moderation };
