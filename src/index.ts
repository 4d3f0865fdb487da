/** Action entry point: nothing but `run()`, so tests can import action.ts without starting it. */
import { run } from './action/main.js'

void run()
