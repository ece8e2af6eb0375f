print("bus bench")
