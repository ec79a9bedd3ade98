package api

// RequeueRequest is the body of POST /v1/jobs/{id}/requeue: which of the
// job's frames to render again.
type RequeueRequest struct {
	// Frames ("A-B", "A-B:STEP", "N") are the frames to render again,
	// rendered ones too (of a finished job off a chain: on a chain a
	// rendered frame is paid, and a settled escrow pays no more); ""
	// means every failed frame.
	Frames string `json:"frames,omitempty"`
	// Failed keeps to the failed tasks (of Frames, or of every frame).
	Failed bool `json:"failed,omitempty"`
}

// RequeueResult says what a requeue put back in the job's queue.
type RequeueResult struct {
	Frames []int `json:"frames"`
	Tasks  int   `json:"tasks"`
}
