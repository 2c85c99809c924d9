// Only the declaration in include/FuzzDriver.h is needed; libFuzzer provides the function.
#include "FuzzDriver.h"
