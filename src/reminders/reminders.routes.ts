import { Router } from 'express';
import { allow } from '../auth/guard';
import type { UseCaseDeps } from '../events/unit-of-work';
import { NotFoundError, ValidationError } from '../shared/errors';
import { positiveInt } from '../shared/ids';
import { findUserById } from '../users/users.service';
import { field } from '../web/body';
import { addFlash } from '../web/flash';
import { remindInterviewer } from './reminders.use-cases';


/** The "remind" button: back home with what happened. */
export function createRemindersRouter(deps: UseCaseDeps): Router {
  const router = Router();
  router.post('/interviews/:id/remind', allow('interviews:participate'), async (req, res) => {
    const interviewId = positiveInt(req.params.id);
    const interviewerId = positiveInt(field(req.body, 'interviewer_id'));
    if (interviewId === undefined || interviewerId === undefined) throw new NotFoundError();
    try {
      await remindInterviewer(deps, req.user!, interviewId, interviewerId);
      const person = await findUserById(deps.db, interviewerId);
      addFlash(req, { kind: 'success', message: 'reminders.sent', params: { person: person?.name ?? '' } });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      addFlash(req, { kind: 'error', message: err.fieldErrors._form ?? 'error.badRequest.body' });
    }
    res.redirect(303, '/');
  });
  return router;
}
