package farm

// What each API client owns: the jobs it submitted and the blobs it
// uploaded. Another client's job answers 404 exactly as a job that does not
// exist, so a client cannot even learn that it exists. The owner's admin
// tokens see everything.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"slices"
	"strconv"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/blobstore"
)

// Kinds of owned things in the store.
const (
	ownedJob    = "job"
	ownedBlob   = "blob"
	ownedUpload = "upload" // a resumable upload the client started
)

// errJobTaken: another client submitted the very same spec, whose id is
// the same (a spec's hash).
var errJobTaken = errors.New("job taken")

// mayRead reports whether who may see job id.
func (n *Node) mayRead(who caller, id string) bool {
	return who.admin || (who.name != "" && n.store.Owns(ownedJob, id, who.name))
}

// ownJob wraps a handler of one job (named by the path value param) so
// that only its owner and admins reach it.
func (n *Node) ownJob(param string, h http.HandlerFunc) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		if id := r.PathValue(param); !n.mayRead(callerOf(r), id) {
			httpError(rw, http.StatusNotFound, fmt.Errorf("%w: %s", ErrNoJob, id)) // word for word what a missing job says
			return
		}
		h(rw, r)
	}
}

// claimJob records that who submits spec before the job is queued, so a
// job of a client is never without its owner, even after a crash. A client
// may only render scenes it uploaded itself.
func (n *Node) claimJob(who caller, spec api.JobSpec) error {
	if who.name == "" {
		return nil // the node's owner: its jobs need no record
	}
	if err := spec.Validate(); err != nil {
		return err
	}
	if !who.admin && !n.store.Owns(ownedBlob, spec.Scene, who.name) {
		return fmt.Errorf("%w: scene %s has not been uploaded", api.ErrBadJob, spec.Scene[:12]) // as for a scene nobody uploaded
	}
	id := spec.ID()
	n.clients.claims.Lock() // one client's check and record at a time: two cannot both take a job
	defer n.clients.claims.Unlock()
	owners := n.store.Owners(ownedJob, id)
	if slices.Contains(owners, who.name) {
		return nil
	}
	if !who.admin && (len(owners) > 0 || n.store.Has(id)) {
		return fmt.Errorf("%w: another client submitted this very job (the same scene and settings): change its seed to submit one of your own", errJobTaken)
	}
	if err := <-n.store.AddOwner(ownedJob, id, who.name); err != nil {
		return fmt.Errorf("record the job's owner: %w", err)
	}
	if spec.Preview && spec.PreviewOf == "" {
		// Its preview pass is the requester's to fetch, and no one else's.
		if err := <-n.store.AddOwner(ownedJob, spec.PreviewSpec().ID(), who.name); err != nil {
			return fmt.Errorf("record the preview's owner: %w", err)
		}
	}
	return nil
}

// jobsOf returns a page of the jobs who may see.
func (n *Node) jobsOf(who caller, offset, limit int) ([]api.JobStatus, error) {
	if who.admin {
		return n.coord.list(offset, limit, nil)
	}
	return n.coord.list(offset, limit, func(id string) bool { return n.mayRead(who, id) })
}

// getOwnBlob is GET /v1/blobs/{hash}: a client gets only blobs it
// uploaded; any other answers as a missing blob does.
func (n *Node) getOwnBlob(rw http.ResponseWriter, r *http.Request) {
	if who := callerOf(r); !who.admin && !n.store.Owns(ownedBlob, r.PathValue("hash"), who.name) {
		httpError(rw, http.StatusNotFound, fmt.Errorf("no blob %q", r.PathValue("hash")))
		return
	}
	n.getBlob(rw, r)
}

// getOwnUpload is GET /v1/uploads/{hash}: a client is not told that a blob
// it does not own is complete, so its client sends the whole content, which
// proves it knows it (putOwnBlob).
func (n *Node) getOwnUpload(rw http.ResponseWriter, r *http.Request) {
	h := r.PathValue("hash")
	if who := callerOf(r); !who.admin && !n.store.Owns(ownedBlob, h, who.name) {
		if _, ok := n.work.blobs.Path(h); ok {
			writeJSON(rw, api.UploadState{})
			return
		}
	}
	n.getUpload(rw, r)
}

// putOwnBlob is PUT /v1/blobs/{hash} for a named client: it records the
// blob as the client's when the client sent all of its content in this
// request (the store skips bytes it already holds, so the hash is taken
// here), or when it completes an upload it started.
func (n *Node) putOwnBlob(rw http.ResponseWriter, r *http.Request) {
	who, h := callerOf(r), r.PathValue("hash")
	if who.name == "" || n.store.Owns(ownedBlob, h, who.name) {
		n.putBlob(rw, r)
		return
	}
	sum := &countingHash{Hash: sha256.New()}
	r.Body = struct {
		io.Reader
		io.Closer
	}{io.TeeReader(r.Body, sum), r.Body}
	// The answer waits for the record: a client that submits a job right
	// after its upload must find its scene.
	held := &heldResponse{header: rw.Header(), status: http.StatusOK}
	n.putBlob(held, r)
	defer held.send(rw)
	offset := r.Header.Get(api.HeaderUploadOffset)
	whole := hex.EncodeToString(sum.Sum(nil)) == h && (offset == "" || offset == "0" && r.Header.Get(api.HeaderUploadLength) == strconv.FormatInt(sum.n, 10))
	_, complete := n.work.blobs.Path(h)
	// A resumable upload's answer says how many bytes the node keeps,
	// refused or not: a body cut short is a 400 that kept its bytes.
	kept, _ := strconv.ParseInt(held.header.Get(api.HeaderUploadOffset), 10, 64)
	var err error
	switch {
	case held.status/100 != 2 && (kept > 0 || held.status/100 == 5):
		// Cut short (a connection lost): what arrived is kept, and the
		// client that began the upload resumes it as its own.
		if offset == "0" {
			err = <-n.store.AddOwner(ownedUpload, h, who.name)
		}
	case held.status/100 == 4:
		return // refused: none of it was taken
	case offset == "" && !whole:
		// The store took none of it (it holds the blob): say what Put
		// says of bytes that are not the blob's.
		held.fail(http.StatusBadRequest, fmt.Errorf("%w: content hashes to %s, not %s", blobstore.ErrBadBlob, hex.EncodeToString(sum.Sum(nil)), h))
	case whole && complete, complete && n.store.Owns(ownedUpload, h, who.name):
		err = <-n.store.AddOwner(ownedBlob, h, who.name)
	case !complete && offset == "0":
		err = <-n.store.AddOwner(ownedUpload, h, who.name)
	}
	if err != nil {
		held.fail(http.StatusInternalServerError, fmt.Errorf("record the upload's owner: %w", err))
	}
}

// heldResponse keeps a handler's answer until it is sent.
type heldResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (h *heldResponse) Header() http.Header         { return h.header }
func (h *heldResponse) WriteHeader(status int)      { h.status = status }
func (h *heldResponse) Write(p []byte) (int, error) { return h.body.Write(p) }

// fail replaces the answer with status and err.
func (h *heldResponse) fail(status int, err error) {
	h.status = status
	h.body.Reset()
	b, _ := json.Marshal(map[string]string{"error": err.Error()})
	h.body.Write(b)
}

func (h *heldResponse) send(rw http.ResponseWriter) {
	rw.WriteHeader(h.status)
	rw.Write(h.body.Bytes())
}

// countingHash is a hash that counts what it was fed.
type countingHash struct {
	hash.Hash
	n int64
}

func (c *countingHash) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return c.Hash.Write(p)
}
