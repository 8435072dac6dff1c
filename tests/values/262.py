L = ['Z', 'W1', 42]
L.append(1.5)
print(L, len(L), L[0], L[-1])
print(L[1:3], L[::-1], L[:1])
t = (1, 7)
u = (0, None, 7)
print(t, u, t + u, len(t + u))
print(t == u, t == t, t + (1,) == t, () == ())
