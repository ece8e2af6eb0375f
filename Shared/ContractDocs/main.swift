print("contract docs")
