// rule: parse
```java
Object greet(UvmObject self, Object... args) {
    return "hi";
}
```
