// rule: shape

