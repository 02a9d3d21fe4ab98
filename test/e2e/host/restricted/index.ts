import { runMocha } from '../mocha';

export const run = () => runMocha(__dirname);
