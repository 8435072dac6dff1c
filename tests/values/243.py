def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)
def fib(n, a=0, b=1):
    while n > 0:
        a, b = b, a + b
        n -= 1
    return a
print(fact(10), fib(10), fib(4, 2, 1))
