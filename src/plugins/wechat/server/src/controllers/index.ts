import auth from './auth';
import me from './me';
import push from './push';

export default { auth, me, push };
