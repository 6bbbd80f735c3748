// rule: shape
int answer = 42;
