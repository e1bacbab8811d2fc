package store

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cayleygraph/cayley/clog"
	"github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	cpostgres "github.com/cayleygraph/cayley/graph/sql/postgres"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// PostgresOptions bound every network operation on a PostgreSQL (or CockroachDB)
// store. Zero fields take the defaults below.
type PostgresOptions struct {
	// ConnectTimeout bounds opening a connection: the TCP connection, TLS, and the
	// server's answer to the start-up message. Zero means the store's lock timeout.
	ConnectTimeout time.Duration
	// StatementTimeout is the server's statement_timeout for graph's sessions, and
	// also how long the server may stay silent while graph waits for it: a little
	// after it, the store is reported unreachable. Zero means [DefaultStatementTimeout];
	// a negative value turns both bounds off.
	StatementTimeout time.Duration
	// IdleTimeout is the server's idle_in_transaction_session_timeout: a session of a
	// graph process that stops in the middle of a transaction (frozen, or cut off) is
	// ended by the server after it, releasing its locks. Zero means
	// [DefaultIdleTimeout]; a negative value turns it off.
	IdleTimeout time.Duration
}

// Defaults of [PostgresOptions].
const (
	DefaultStatementTimeout = time.Minute
	DefaultIdleTimeout      = time.Minute
)

func (o PostgresOptions) statement() time.Duration {
	switch {
	case o.StatementTimeout < 0:
		return 0
	case o.StatementTimeout == 0:
		return DefaultStatementTimeout
	}
	return o.StatementTimeout
}

func (o PostgresOptions) idle() time.Duration {
	switch {
	case o.IdleTimeout < 0:
		return 0
	case o.IdleTimeout == 0:
		return DefaultIdleTimeout
	}
	return o.IdleTimeout
}

// silence is how long a connection may move no byte in either direction while
// graph waits for the server: the statement timeout, so that the server's own
// cancellation arrives first, and a grace for the answer to travel.
func (o PostgresOptions) silence() time.Duration {
	st := o.statement()
	if st == 0 {
		return 0
	}
	grace := st / 10
	if grace < time.Second {
		grace = time.Second
	}
	return st + grace
}

// cayleyFlavor is Cayley's PostgreSQL backend with pgx as its driver rather than
// lib/pq: the same tables, indexes and queries, but every connection it opens is
// the one [pgConnConfig] makes, with its timeouts and watch on silence (lib/pq
// waits forever for a server that stopped answering, whatever the context says).
const cayleyFlavor = "graph-postgres"

func init() {
	csql.Register(cayleyFlavor, csql.Registration{
		Driver:             "pgx",
		HashType:           `BYTEA`,
		BytesType:          `BYTEA`,
		HorizonType:        `BIGSERIAL`,
		TimeType:           `timestamp with time zone`,
		QueryDialect:       cpostgres.QueryDialect,
		ConditionalIndexes: true,
		FillFactor:         true,
		Error: func(err error) error {
			var pe *pgconn.PgError
			if errors.As(err, &pe) && pe.Code == "42P07" {
				return graph.ErrDatabaseExists
			}
			return err
		},
		Estimated: func(table string) string {
			return "SELECT reltuples::BIGINT AS estimate FROM pg_class WHERE relname='" + table + "';"
		},
		RunTx: cpostgres.RunTxPostgres,
	})
	// Cayley logs through clog, to stderr by default: raw lines such as "ERROR:
	// couldn't exec DELETE nodes statement: ..." and, on a failed connection, the
	// connection string with its password. Every such failure is also returned as
	// an error, which graph reports in its own words, so the lines are dropped.
	clog.SetLogger(quietLog{})
}

// quietLog is the clog logger of this process: it keeps Cayley's log lines out of
// the user's terminal.
type quietLog struct{}

func (quietLog) Infof(string, ...any)    {}
func (quietLog) Warningf(string, ...any) {}
func (quietLog) Errorf(string, ...any)   {}
func (quietLog) Fatalf(format string, args ...any) {
	panic(fmt.Sprintf("cayley: "+format, args...))
}
func (quietLog) V(int) bool { return false }
func (quietLog) SetV(int)   {}

// pgConnConfig parses a connection string (URL or key=value) and applies the
// options: connect timeout, the session's statement and idle timeouts, and the
// watch on silence.
func pgConnConfig(dsn string, connect time.Duration, o PostgresOptions) (*pgx.ConnConfig, error) {
	cc, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("%w: postgres connection string %s: %s", ErrConfig, redact(dsn), scrub(err, secretOf(dsn)))
	}
	if o.ConnectTimeout > 0 {
		connect = o.ConnectTimeout
	}
	if cc.ConnectTimeout == 0 || connect < cc.ConnectTimeout {
		cc.ConnectTimeout = connect
	}
	if cc.RuntimeParams == nil {
		cc.RuntimeParams = map[string]string{}
	}
	cc.RuntimeParams["statement_timeout"] = fmt.Sprint(o.statement().Milliseconds())
	cc.RuntimeParams["idle_in_transaction_session_timeout"] = fmt.Sprint(o.idle().Milliseconds())
	if _, ok := cc.RuntimeParams["application_name"]; !ok {
		cc.RuntimeParams["application_name"] = "graph"
	}
	if limit := o.silence(); limit > 0 {
		dial := cc.DialFunc
		cc.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := dial(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			w := &watchedConn{Conn: c, limit: limit}
			w.moved.Store(time.Now().UnixNano())
			return w, nil
		}
	}
	return cc, nil
}

// watchedConn is a connection to the server that fails a read or a write when no
// byte has moved in either direction for its limit: a server whose processes are
// stopped (or a network that drops everything) keeps the TCP connection open and
// would otherwise be waited for forever. Deadlines its user sets (pgx sets them to
// cancel an operation when its context ends) are kept.
type watchedConn struct {
	net.Conn
	limit time.Duration
	moved atomic.Int64 // when a byte last moved, in Unix nanoseconds
	// dead is set once the server was silent for the limit: the connection is
	// given up, and every later read or write on it fails at once (pgx may read in
	// the background while it writes, and would otherwise wait the limit again).
	dead atomic.Bool

	mu                  sync.Mutex
	readUser, writeUser time.Time
}

// errSilent is the error of an operation on a [watchedConn] that timed out
// because the server said nothing.
var errSilent = errors.New("the server did not answer")

func (c *watchedConn) Read(b []byte) (int, error) {
	return c.wait(b, false)
}

func (c *watchedConn) Write(b []byte) (int, error) {
	return c.wait(b, true)
}

func (c *watchedConn) wait(b []byte, write bool) (int, error) {
	if c.dead.Load() {
		return 0, fmt.Errorf("%w for %s", errSilent, c.limit)
	}
	start := time.Now()
	// last is when the wait began, or when a byte last moved either way since.
	last := func() time.Time {
		if m := time.Unix(0, c.moved.Load()); m.After(start) {
			return m
		}
		return start
	}
	done := 0
	for {
		c.mu.Lock()
		user := c.readUser
		if write {
			user = c.writeUser
		}
		c.mu.Unlock()
		deadline := last().Add(c.limit)
		if !user.IsZero() && user.Before(deadline) {
			deadline = user
		}
		var n int
		var err error
		if write {
			c.Conn.SetWriteDeadline(deadline)
			n, err = c.Conn.Write(b[done:])
		} else {
			c.Conn.SetReadDeadline(deadline)
			n, err = c.Conn.Read(b)
		}
		if n > 0 {
			c.moved.Store(time.Now().UnixNano())
		}
		done += n
		var ne net.Error
		if err == nil || !errors.As(err, &ne) || !ne.Timeout() {
			return done, err
		}
		if !user.IsZero() && !time.Now().Before(user) {
			return done, err // the user's own deadline
		}
		if time.Since(last()) >= c.limit {
			c.dead.Store(true)
			return done, fmt.Errorf("%w for %s: %w", errSilent, c.limit, err)
		}
		if !write && n > 0 {
			return done, nil
		}
	}
}

func (c *watchedConn) SetDeadline(t time.Time) error {
	c.mu.Lock()
	c.readUser, c.writeUser = t, t
	c.mu.Unlock()
	return c.Conn.SetDeadline(t)
}

func (c *watchedConn) SetReadDeadline(t time.Time) error {
	c.mu.Lock()
	c.readUser = t
	c.mu.Unlock()
	return c.Conn.SetReadDeadline(t)
}

func (c *watchedConn) SetWriteDeadline(t time.Time) error {
	c.mu.Lock()
	c.writeUser = t
	c.mu.Unlock()
	return c.Conn.SetWriteDeadline(t)
}

// pgFailure turns an error of the server or of the connection to it into one a
// user can act on, naming the store (never its password) and wrapping
// [ErrUnreachable] when the server could not be reached or stopped answering.
func pgFailure(where, secret string, o PostgresOptions, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "57014": // query_canceled: the statement timeout
			return fmt.Errorf("postgres %s: a statement ran longer than the statement timeout (%s; store.statement_timeout): %s", where, o.statement(), pe.Message)
		case "25P03": // idle_in_transaction_session_timeout
			return fmt.Errorf("%w: postgres %s ended the session: it was idle in a transaction for longer than store.idle_timeout (%s)", ErrUnreachable, where, o.idle())
		case "25006": // read_only_sql_transaction
			return fmt.Errorf("postgres %s is read-only (a standby?): build on the primary: %s", where, pe.Message)
		case "57P01", "57P02", "57P03", "08000", "08003", "08006", "08001", "08004":
			return fmt.Errorf("%w: postgres %s: %s", ErrUnreachable, where, scrub(err, secret))
		}
		return fmt.Errorf("postgres %s: %s", where, scrub(err, secret))
	}
	if errors.Is(err, errSilent) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%w: postgres %s did not answer within %s", ErrUnreachable, where, o.silence())
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	if errors.As(err, &ce) || errors.As(err, &ne) || pgconn.SafeToRetry(err) {
		return fmt.Errorf("%w: postgres %s: %s", ErrUnreachable, where, scrub(err, secret))
	}
	if pgconn.Timeout(err) {
		return fmt.Errorf("%w: postgres %s did not answer within %s", ErrUnreachable, where, o.silence())
	}
	return fmt.Errorf("postgres %s: %s", where, scrub(err, secret))
}
