package farm

// Task logs: a worker sends what its renderer printed for a leased task
// with its answer, a result or a failure, signed with its node key over
// the lease and the result's hash, so that a coordinator keeps (store.PutLog)
// only a log that worker wrote for that very answer; `conun logs` reads them.

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/renderer"
	"github.com/ethereum/go-ethereum/common"
)

// Headers of a task's answer that carry its log: the log as base64, and
// the worker's signature over logMessage.
const (
	headerLog    = "X-Conun-Log"
	headerLogSig = "X-Conun-Log-Signature"
)

// Headers of a failed task's answer that carry the worker's word over
// failureMessage: its signature, or its seal.
const (
	headerFailSig  = "X-Conun-Failure-Signature"
	headerFailSeal = "X-Conun-Failure-Seal"
)

// failureMessage is what a worker signs over its failure to render a
// lease: the lease, the HTTP status and the answer's body, byte for byte.
// Through a gateway only a failure so signed is the worker's (onTheWay).
func failureMessage(req TaskRequest, status int, body []byte) []byte {
	sum := sha256.Sum256(body)
	return fmt.Appendf(nil, "conun-task-failure\n%s\n%d\n%s\n%s\n%s\n%d\n%s", req.JobID, req.Task, req.Nonce,
		common.HexToAddress(req.Coordinator).Hex(), common.HexToAddress(req.Recipient).Hex(), status, hex.EncodeToString(sum[:]))
}

// errBadLog refuses an answer whose log is not its worker's for it.
var errBadLog = errors.New("task log refused")

// logMessage is what a worker signs over a task's log: the lease (its
// nonce, between one coordinator and one recipient), the answer's hash
// ("" for a failure) and the log's, so a log cannot be moved to another
// lease or another result, nor passed off as another node's. The
// contract's EIP-712 result is left as it is: the log is the farm's
// business, not the escrow's.
func logMessage(req TaskRequest, resultHash string, log string) []byte {
	sum := sha256.Sum256([]byte(log))
	return fmt.Appendf(nil, "conun-task-log\n%s\n%d\n%s\n%s\n%s\n%s\n%s", req.JobID, req.Task, req.Nonce,
		common.HexToAddress(req.Coordinator).Hex(), common.HexToAddress(req.Recipient).Hex(), resultHash, hex.EncodeToString(sum[:]))
}

// boundLog keeps the end of a log longer than renderer.MaxLogBytes (a
// renderer's own summary is not a LogTail), cut at a character.
func boundLog(log string) string {
	if len(log) <= renderer.MaxLogBytes {
		return log
	}
	log = log[len(log)-renderer.MaxLogBytes+32:]
	for len(log) > 0 && !utf8.RuneStart(log[0]) {
		log = log[1:]
	}
	return "[... earlier output not kept]\n" + log
}

// setLog puts a leased task's log on its answer, signed; a check's answer
// and an empty log carry none.
func (w *worker) setLog(rw http.ResponseWriter, req TaskRequest, resultHash, log string) {
	if req.Check || log == "" {
		return
	}
	log = boundLog(log)
	if vouch(rw.Header(), w.ident, w.sessions, req.Key, common.HexToAddress(req.Coordinator), sealLog, logMessage(req, resultHash, log), headerLogSig, headerLogSeal) != nil {
		return // the answer stands without its log
	}
	rw.Header().Set(headerLog, base64.StdEncoding.EncodeToString([]byte(log)))
}

// readLog reads the log on m's answer to req (resultHash "" for a
// failure): "" when it carries none. A log that is not m's signed one for
// this answer, or too long, is an error.
func readLog(h http.Header, s *rpc.Sessions, req TaskRequest, m api.Member, resultHash string) (string, error) {
	enc := h.Get(headerLog)
	if enc == "" {
		return "", nil
	}
	if base64.StdEncoding.DecodedLen(len(enc)) > renderer.MaxLogBytes+64 {
		return "", fmt.Errorf("%w: %s sent a log of about %d bytes, over the %d a log may have", errBadLog, m.ID, base64.StdEncoding.DecodedLen(len(enc)), renderer.MaxLogBytes)
	}
	b, err := base64.StdEncoding.DecodeString(enc)
	if err != nil {
		return "", fmt.Errorf("%w: %s's log is not base64: %w", errBadLog, m.ID, err)
	}
	if err := wordOf(h, s, common.HexToAddress(m.Addr), sealLog, logMessage(req, resultHash, string(b)), headerLogSig, headerLogSeal); err != nil {
		return "", fmt.Errorf("%w: %s's log is not signed by it for this answer: %w", errBadLog, m.ID, err)
	}
	return strings.ToValidUTF8(string(b), "?"), nil
}

// leaseLog is what the coordinator knows of one lease when it ends, for its
// log record.
type leaseLog struct {
	job      string
	task     *task // only its fixed fields are read: index, tile, finish
	lease    int
	node     string
	renderer string
	build    string
	started  time.Time
}

// keepLog records one lease's log, unless it ended for no fault of the
// task (the node was busy or unreachable, or the lease was taken back):
// those are not attempts, and say nothing to an artist.
func (c *coordinator) keepLog(l leaseLog, log string, err error, cancelled bool) {
	if errors.Is(err, errBusy) || errors.Is(err, errUnreachable) || (err != nil && cancelled) {
		return
	}
	t := l.task
	rec := api.TaskLog{
		Task: t.index, Frame: t.tile.Frame, Finish: t.finish,
		Rect:  [4]int{t.tile.Rect.Min.X, t.tile.Rect.Min.Y, t.tile.Rect.Max.X, t.tile.Rect.Max.Y},
		Lease: l.lease, Node: l.node, Renderer: l.renderer, Build: l.build,
		Started: l.started, Seconds: time.Since(l.started).Seconds(),
		Exit: api.LogOK, Log: log,
	}
	if err != nil {
		rec.Exit, rec.Error = api.LogFailed, err.Error()
	}
	var le *logNoteError
	if errors.As(err, &le) {
		rec.LogNote = le.note
	}
	if log == "" && rec.LogNote == "" {
		rec.LogNote = "the worker sent no log"
	}
	c.store.PutLog(l.job, rec)
}

// logNoteError is a lease's failure whose log was refused: the failure
// stands, and the note says why its log is missing.
type logNoteError struct {
	error
	note string
}

func (e *logNoteError) Unwrap() error { return e.error }

// logs returns the kept logs of job id's tasks that q picks, by task and
// lease. A task or frame the job does not have is an error naming it.
func (c *coordinator) logs(id string, q api.LogsQuery) ([]api.TaskLog, error) {
	var tasks int
	frames := map[int]bool{}
	if err := c.lookup(id, func(j *job) {
		tasks = len(j.tasks)
		for _, t := range j.tasks {
			frames[t.tile.Frame] = true
		}
	}); err != nil {
		return nil, err
	}
	switch {
	case q.Task >= tasks:
		return nil, fmt.Errorf("%w: job %s has tasks 0 to %d, not task %d", ErrNoJob, id, tasks-1, q.Task)
	case q.Frame >= 0 && !frames[q.Frame]:
		return nil, fmt.Errorf("%w: job %s renders no frame %d", ErrNoJob, id, q.Frame)
	}
	return c.store.Logs(id, func(l api.TaskLog) bool {
		return (q.Task < 0 || l.Task == q.Task) && (q.Frame < 0 || l.Frame == q.Frame)
	})
}
