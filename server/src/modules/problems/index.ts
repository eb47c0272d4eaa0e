export { changeProblem } from './problem-context';
export { reopenWithin } from './problem-lifecycle';
export { combine, nextProblemCode } from './problem-linking';
export { notifySupervisors } from './problem-notify';
export { type ProblemListConditions, problemListFilter } from './problem-read-model';
export { problemRoutes } from './problem-routes';
export { createProblemService, type ProblemService } from './problem-service';
export { isActive, isAnswered, type ProblemAction, transition } from './problem-status';
