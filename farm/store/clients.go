package store

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The client API's tokens and what each client owns live in buckets of
// their own, made on first use, so a store from before them opens as it is.
var (
	bucketClients = []byte("clients") // name -> ClientRecord
	bucketOwners  = []byte("owners")  // kind/id/client -> nothing
)

// ClientRecord is a client of the node's API: its token is kept only as its
// sha256, so reading the store never gives a token away.
type ClientRecord struct {
	Name string `json:"name"`
	// TokenHash is the hex sha256 of the token.
	TokenHash string    `json:"token_sha256"`
	Admin     bool      `json:"admin,omitempty"`
	Created   time.Time `json:"created"`
}

// PutClient queues a client's record, replacing one of the same name.
func (s *Store) PutClient(r ClientRecord) <-chan error {
	b, _ := json.Marshal(r) // plain fields: it cannot fail
	return s.enqueue("client "+r.Name, func(tx *bolt.Tx) error {
		bk, err := tx.CreateBucketIfNotExists(bucketClients)
		if err != nil {
			return err
		}
		return bk.Put([]byte(r.Name), b)
	})
}

// DeleteClient queues the removal of a client's record; what it owns stays
// recorded, so a client made again under the name finds its jobs.
func (s *Store) DeleteClient(name string) <-chan error {
	return s.enqueue("client "+name, func(tx *bolt.Tx) error {
		if bk := tx.Bucket(bucketClients); bk != nil {
			return bk.Delete([]byte(name))
		}
		return nil
	})
}

// Clients returns every client's record, by name.
func (s *Store) Clients() ([]ClientRecord, error) {
	var out []ClientRecord
	err := s.db.View(func(tx *bolt.Tx) error {
		bk := tx.Bucket(bucketClients)
		if bk == nil {
			return nil
		}
		return bk.ForEach(func(k, v []byte) error {
			var r ClientRecord
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("client %q: %w", k, err)
			}
			out = append(out, r)
			return nil
		})
	})
	return out, err
}

func ownerKey(kind, id, client string) []byte { return []byte(kind + "/" + id + "/" + client) }

// AddOwner queues a record that client owns thing id of kind ("job",
// "blob"). A thing may have several owners.
func (s *Store) AddOwner(kind, id, client string) <-chan error {
	return s.enqueue(kind+" "+id+" owner", func(tx *bolt.Tx) error {
		bk, err := tx.CreateBucketIfNotExists(bucketOwners)
		if err != nil {
			return err
		}
		return bk.Put(ownerKey(kind, id, client), []byte{})
	})
}

// Owners returns the committed owners of thing id of kind.
func (s *Store) Owners(kind, id string) []string {
	var out []string
	prefix := []byte(kind + "/" + id + "/")
	s.db.View(func(tx *bolt.Tx) error {
		bk := tx.Bucket(bucketOwners)
		if bk == nil {
			return nil
		}
		c := bk.Cursor()
		for k, _ := c.Seek(prefix); k != nil && strings.HasPrefix(string(k), string(prefix)); k, _ = c.Next() {
			out = append(out, string(k[len(prefix):]))
		}
		return nil
	})
	return out
}

// Owns reports whether client owns thing id of kind.
func (s *Store) Owns(kind, id, client string) bool {
	var ok bool
	s.db.View(func(tx *bolt.Tx) error {
		if bk := tx.Bucket(bucketOwners); bk != nil {
			ok = bk.Get(ownerKey(kind, id, client)) != nil
		}
		return nil
	})
	return ok
}
