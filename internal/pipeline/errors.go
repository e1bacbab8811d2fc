package pipeline

import (
	"errors"
	"fmt"
)

// ErrInput marks errors caused by what the user gave: paths, options, ids.
var ErrInput = errors.New("bad input")

// inputError is an [ErrInput] with a message of its own.
type inputError struct{ msg string }

func (e *inputError) Error() string        { return e.msg }
func (e *inputError) Is(target error) bool { return target == ErrInput }

// Inputf returns an error that wraps [ErrInput] and reads as the message alone.
func Inputf(format string, args ...any) error {
	return &inputError{msg: fmt.Sprintf(format, args...)}
}
