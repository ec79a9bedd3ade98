package farm

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
)

// A job submitted with a preview (api.JobSpec.Preview) is planned at
// submit but waits in api.JobAwaiting: nothing is locked in the escrow and
// none of its tasks is leased. Beside it the coordinator runs its preview
// pass, a job of its own (api.JobSpec.PreviewSpec: one whole-frame task
// per frame, Blender's Workbench engine or gl-raster, capped in size),
// unpaid and unchecked: no escrow, no spot check, no receipt, no
// settlement. Its workers know it is unpaid (TaskRequest.Preview) and
// refuse anything bigger than a preview. approve locks the budget exactly
// as a submit without a preview would and queues the job; reject (or
// cancel) ends it with nothing locked. Both jobs are stored like any
// other, so a restarted coordinator keeps the job awaiting.
//
// Who gains if the caller lies: approve and reject are routed through the
// job's owner check (ownJob), as cancel is, so only the client that
// submitted the job can spend its budget; a spec naming PreviewOf is
// refused from clients, so nobody gets free renders by calling a real job
// a preview; and a preview's tasks never enter a receipt or a settlement,
// so a worker cannot get them counted as paid work.

// previewFeature is what a Blender node must advertise to render a
// preview: Workbench draws through OpenGL, as Eevee does.
const previewFeature = "gl"

// errNotAwaiting refuses approving a job that is not awaiting approval.
var errNotAwaiting = errors.New("job is not awaiting approval")

// unpaid reports whether nothing may ever be paid for j: a preview pass,
// or a job ended before its budget was locked.
func (j *job) unpaid() bool { return j.spec.PreviewOf != "" || j.unfunded }

// checkPreview refuses a preview nobody in the cluster can render, so the
// submit fails with the reason instead of waiting forever.
func (c *coordinator) checkPreview(spec api.JobSpec) error {
	rend := api.PreviewRenderer(spec.Renderer)
	if rend == api.RendererGLRaster {
		for _, m := range c.members() {
			if m.Renderers[rend] != "" {
				return nil
			}
		}
		return c.noNode(fmt.Errorf("%w: %s: its preview renders with %s, and no member offers %s (a node offers it when its OpenGL comes up): submit without --preview", api.ErrBadJob, spec.SceneName, rend, rend))
	}
	if !c.someoneHas(rend, previewFeature) {
		return c.noNode(fmt.Errorf("%w: %s: its preview renders with %s's Workbench engine, which needs OpenGL, and no member's %s has it: submit without --preview, or add a node with OpenGL (EGL)", api.ErrBadJob, spec.SceneName, rend, rend))
	}
	return nil
}

// planPreview makes the preview pass of parent (awaiting approval).
func (c *coordinator) planPreview(parent api.JobSpec, info renderer.SceneInfo) (*job, error) {
	spec := parent.PreviewSpec()
	pinfo := renderer.SceneInfo{FrameStart: info.FrameStart, FrameEnd: info.FrameEnd, FPS: info.FPS, Width: info.Width, Height: info.Height, MinVersion: info.MinVersion}
	if spec.Renderer == "blender" {
		pinfo.Needs = previewFeature // Workbench draws through OpenGL
	}
	return c.planJob(spec, pinfo)
}

// addJob records a planned job and queues it; it returns the job already
// known by that id instead, if any.
func (c *coordinator) addJob(j *job) error {
	if err := <-c.store.PutJob(j.id, j.record()); err != nil {
		return fmt.Errorf("record job: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.jobs[j.id]; ok {
		return nil
	}
	c.jobs[j.id] = j
	c.order = append(c.order, j.id)
	c.emit(j, api.Event{Type: api.EventSubmitted, Task: -1})
	c.kick()
	return nil
}

// previewProgress tells the job a preview pass belongs to how many of the
// pass's frames are done, so its requester sees the preview move while
// the job itself waits; c.mu must be held.
func (c *coordinator) previewProgress(pj *job) {
	parent, ok := c.jobs[pj.spec.PreviewOf]
	if !ok || parent.state != api.JobAwaiting {
		return
	}
	p := api.PreviewProgress{ID: pj.id, Done: len(pj.frames), Total: len(pj.spec.Frames.List())}
	c.emit(parent, api.Event{Type: api.EventPreviewProgress, Task: -1, Preview: &p, Message: p.String()})
}

// previewEnded tells the job a preview pass belongs to that its preview
// ended; c.mu must be held.
func (c *coordinator) previewEnded(pj *job) {
	parent, ok := c.jobs[pj.spec.PreviewOf]
	if !ok || parent.state != api.JobAwaiting {
		return
	}
	msg := fmt.Sprintf("preview %s %s: %d frames; approve with conun approve %s", pj.id, pj.state, len(pj.frames), parent.id)
	if pj.err != "" {
		msg = fmt.Sprintf("preview %s %s: %s; approve or reject %s all the same", pj.id, pj.state, pj.err, parent.id)
	}
	c.emit(parent, api.Event{Type: api.EventPreviewReady, Task: -1, Message: msg})
}

// approve locks an awaiting job's budget in the escrow, exactly as a
// submit without a preview does, and queues it. A failure to lock leaves
// the job awaiting, with the reason in its status.
func (c *coordinator) approve(ctx context.Context, id string) (api.ApproveStatus, error) {
	if _, err := api.ParseJobID(id); err != nil {
		return api.ApproveStatus{}, err
	}
	c.mu.Lock()
	j, ok := c.jobs[id]
	switch {
	case !ok:
		c.mu.Unlock()
		if c.store.Has(id) { // aged out of memory: it ended long ago
			return api.ApproveStatus{ID: id}, fmt.Errorf("%w: job %s ended", errNotAwaiting, id)
		}
		return api.ApproveStatus{}, fmt.Errorf("%w: %s", ErrNoJob, id)
	case j.state != api.JobAwaiting:
		st := j.state
		c.mu.Unlock()
		return api.ApproveStatus{ID: id, State: st}, fmt.Errorf("%w: job %s is %s", errNotAwaiting, id, st)
	case j.approving:
		c.mu.Unlock()
		return api.ApproveStatus{ID: id, State: api.JobAwaiting}, fmt.Errorf("%w: job %s is being approved already", errNotAwaiting, id)
	}
	j.approving = true // one lock on the chain per job, however many approve at once
	spec := j.spec
	c.mu.Unlock()

	err := c.openEscrow(ctx, spec) // off the lock: a chain transaction

	c.mu.Lock()
	defer c.mu.Unlock()
	j.approving = false
	if err != nil {
		j.approveErr = err.Error()
		c.save(j)
		return api.ApproveStatus{ID: id, State: j.state}, err
	}
	if j.state != api.JobAwaiting {
		// Ended meanwhile (cancel refuses a job being approved, so
		// only a failure gets here): the budget is locked, so the job
		// settles (nothing accepted) and is reclaimed like any other.
		j.unfunded = false
		c.save(j)
		c.settleEnded(j)
		return api.ApproveStatus{ID: id, State: j.state}, fmt.Errorf("%w: job %s was %s meanwhile", errNotAwaiting, id, j.state)
	}
	j.approveErr = ""
	j.unfunded = false
	mustMove(c.log, jobMoves, &j.state, api.JobQueued)
	written := c.store.PutJob(j.id, j.record())
	c.emit(j, api.Event{Type: api.EventApproved, Task: -1})
	c.kick()
	c.mu.Unlock()
	werr := <-written // an approval the requester was told of survives a crash
	c.mu.Lock()
	if werr != nil {
		return api.ApproveStatus{ID: id, State: api.JobQueued, Budget: spec.Budget}, fmt.Errorf("record job %s approved: %w", id, werr)
	}
	return api.ApproveStatus{ID: id, State: api.JobQueued, Budget: spec.Budget}, nil
}

// rejectJob ends a job awaiting approval with nothing locked, and its
// preview pass with it.
func (c *coordinator) rejectJob(id string) error {
	if _, err := api.ParseJobID(id); err != nil {
		return err
	}
	c.mu.Lock()
	j, ok := c.jobs[id]
	var st api.JobState
	if ok {
		st = j.state
	}
	c.mu.Unlock()
	if !ok {
		return fmt.Errorf("%w: %s", ErrNoJob, id)
	}
	if st != api.JobAwaiting {
		return fmt.Errorf("%w: job %s is %s (conun cancel ends it)", errNotAwaiting, id, st)
	}
	return c.cancel(id)
}

// previewOf fills st.Preview for a job submitted with a preview.
func (c *coordinator) previewOf(st *api.JobStatus) {
	if !st.Spec.Preview {
		return
	}
	pid := st.Spec.PreviewSpec().ID()
	_ = c.lookup(pid, func(pj *job) {
		st.Preview = &api.PreviewStatus{ID: pid, State: pj.state, Error: pj.err, Frames: pj.frameList(), Total: len(pj.spec.Frames.List())}
	})
}

// postApprove answers POST /v1/jobs/{id}/approve.
func (n *Node) postApprove(rw http.ResponseWriter, r *http.Request) {
	st, err := n.coord.approve(r.Context(), r.PathValue("id"))
	if err != nil {
		status := statusOf(err)
		if errors.Is(err, errNotAwaiting) {
			status = http.StatusConflict
		}
		httpError(rw, status, err)
		return
	}
	writeJSON(rw, st)
}

// postReject answers POST /v1/jobs/{id}/reject.
func (n *Node) postReject(rw http.ResponseWriter, r *http.Request) {
	if err := n.coord.rejectJob(r.PathValue("id")); err != nil {
		status := statusOf(err)
		if errors.Is(err, errNotAwaiting) {
			status = http.StatusConflict
		}
		httpError(rw, status, err)
		return
	}
	writeJSON(rw, map[string]string{"state": string(api.JobCancelled)})
}

// checkPreviewLease holds a preview lease to what a preview is, since the
// worker renders it for nothing: a whole frame within api's preview caps,
// with Blender's Workbench or gl-raster, never a check, a finish or raw
// passes. On a chain the lease carries its spec, which must be a preview
// pass and the lease one of its tasks.
func checkPreviewLease(req TaskRequest) error {
	switch {
	case req.Renderer != "blender" && req.Renderer != api.RendererGLRaster:
		return fmt.Errorf("a preview renders with blender (Workbench) or %s, not %q", api.RendererGLRaster, req.Renderer)
	case req.Check || len(req.FinishTiles) > 0 || len(req.Passes) > 0 || req.Denoise || req.Format != "":
		return errors.New("a preview task is a plain PNG frame: no check, finish, passes, denoising or other format")
	case req.Width > api.PreviewMaxWidth || req.Height > api.PreviewMaxHeight || req.Samples > api.PreviewMaxSamples:
		return fmt.Errorf("a preview is at most %dx%d at %d samples, this one %dx%d at %d: a bigger render is paid work, not a preview",
			api.PreviewMaxWidth, api.PreviewMaxHeight, api.PreviewMaxSamples, req.Width, req.Height, req.Samples)
	case req.Escrow != "":
		return errors.New("a preview task names no escrow: it is unpaid")
	}
	if req.Spec == nil {
		return nil
	}
	spec := *req.Spec
	if spec.PreviewOf == "" || jobHash(spec).Hex() != req.JobHash {
		return errors.New("the lease's spec is not the preview pass it names")
	}
	t, err := specTask(spec, req.Task, false)
	if err != nil {
		return err
	}
	if req.Frame != t.Frame || req.Region != t.Rect || req.Width != spec.Resolution.Width || req.Height != spec.Resolution.Height ||
		req.Samples != spec.Samples || req.Renderer != spec.Renderer || req.Scene != spec.Scene {
		return fmt.Errorf("task %d: the lease differs from its preview spec", req.Task)
	}
	return nil
}
