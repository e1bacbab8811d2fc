package extract

// BuiltinPacks loads every builtin pack, for the tests outside the package.
var BuiltinPacks = builtinPacks
