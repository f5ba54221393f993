import boards from './boards';

export default {
  boards,
};
