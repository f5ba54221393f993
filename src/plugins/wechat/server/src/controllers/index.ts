import auth from './auth';
import me from './me';

export default { auth, me };
